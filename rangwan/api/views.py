"""The read-only JSON API, mounted at /api/v1/. Thin views: fetch, ask the same rules as
the web pages (`has_perm`), answer from the same query functions."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Path, Router, Status
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from rangwan.api import errors
from rangwan.api.authentication import BearerToken
from rangwan.api.errors import ApiError, ErrorOut
from rangwan.api.schemas import (
    CertificateOut,
    ProgrammeDetailOut,
    ProgrammeDistrictsOut,
    ProgrammeOut,
    ResultsOut,
)
from rangwan.honours import codes
from rangwan.honours.models import Certificate
from rangwan.judging.models import TIE_BREAK_LABELS
from rangwan.programmes.models import Programme
from rangwan.programmes.queries import programmes_for
from rangwan.reports.queries import district_statuses, programme_indicators
from rangwan.results.models import Results
from rangwan.results.queries import published

DESCRIPTION = """Read-only access to Rangwan: programmes, the districts' nomination states,
published results and certificate checks. Send `Authorization: Bearer <token>` where a
token is needed; it reads what its account may read on the web pages. Errors are JSON
with the message in Thai and English. See docs/API.md."""


class RangwanAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        # Every GET also answers HEAD (as the web pages do); the document lists GET only.
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            operations.pop("head", None)
        return schema


class UnicodeJSON(JSONRenderer):
    # Thai as Thai, not as \uXXXX escapes.
    json_dumps_params = {"ensure_ascii": False}


api = RangwanAPI(
    renderer=UnicodeJSON(),
    title="Rangwan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # Swagger UI from django-ninja's bundled static files (ninja is an installed app):
    # no CDN, no inline script, so it works offline under the Content-Security-Policy.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    # The document and its page answer GET and HEAD; other methods get 405.
    docs_decorator=require_safe,
)
errors.install(api)
token = BearerToken()
read = Router(tags=["read"])

# The ids the database can hold: a larger one is refused (422), not sent to it.
Id = Annotated[int, Path(ge=1, le=2**63 - 1, examples=[1])]
SIGNED_IN = {401: ErrorOut, 403: ErrorOut}
# Every operation with an id in its path: a malformed id is refused with 422.
BY_ID = {404: ErrorOut, 422: ErrorOut}


def get(path: str, **kwargs):
    return read.api_operation(["GET", "HEAD"], path, **kwargs)


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _programme(request, pk: int, perm: str) -> Programme:
    """404 for a programme that does not exist, then 403 without the right: the order
    of the web pages (objectgetter, then permission_required)."""
    programme = get_object_or_404(
        Programme.objects.select_related("province").annotate(results_state=F("results__status")),
        pk=pk,
    )
    _require(request.auth, perm, programme)
    return programme


def _summary(programme: Programme) -> dict:
    return {
        "id": programme.pk,
        "fiscal_year": programme.fiscal_year,
        "name_th": programme.name_th,
        "name_en": programme.name_en,
        "short_name_th": programme.short_name_th,
        "short_name_en": programme.short_name_en,
        "province": programme.province.name_th,
        "results": programme.results_state or "not_published",
        "name_notification_deadline": programme.name_notification_deadline,
        "dossier_deadline": programme.dossier_deadline,
        "results_deadline": programme.results_deadline,
        "closing_deadline": programme.closing_deadline,
    }


@get(
    "/programmes",
    auth=token,
    response={200: list[ProgrammeOut], **SIGNED_IN},
    summary="Programmes the token's account takes part in (as the web list)",
)
def programme_list(request):
    _require(request.auth, "programmes.list_programmes")
    programmes = programmes_for(request.auth).annotate(results_state=F("results__status"))
    return [_summary(programme) for programme in programmes]


@get(
    "/programmes/{pk}",
    auth=token,
    response={200: ProgrammeDetailOut, **SIGNED_IN, **BY_ID},
    summary="One programme as its dashboard shows it: deadlines, work plan, indicators",
)
def programme_detail(request, pk: Id):
    programme = _programme(request, pk, "programmes.view_dashboard")
    today = timezone.localdate()
    next_deadline = programme.next_deadline(today)
    return _summary(programme) | {
        "responsible_unit": programme.responsible_unit,
        "period_start": programme.period_start,
        "period_end": programme.period_end,
        "joint_work_start": programme.joint_work_start,
        "joint_work_end": programme.joint_work_end,
        "today": today,
        "deadlines": [
            {"label": str(label), "date": day, "passed": day < today}
            for label, day in programme.deadlines()
        ],
        "next_deadline": {
            "label": str(next_deadline[0]),
            "date": next_deadline[1],
            "days_left": (next_deadline[1] - today).days,
        }
        if next_deadline
        else None,
        "work_plan": [
            {
                "number": step.number,
                "title": step.title,
                "due_date": step.due_date,
                "responsible": step.responsible,
                "status": step.status,
                "status_label": str(step.get_status_display()),
                "done_on": step.done_on,
                "overdue": step.is_overdue(today),
                "done_late": step.done_late,
                "remark": step.remark,
            }
            for step in programme.steps.all()
        ],
        "indicators": [
            {
                "code": indicator.code,
                "label": indicator.label,
                "actual": indicator.actual,
                "target": indicator.target,
                "met": indicator.met,
            }
            for indicator in programme_indicators(programme)
        ],
    }


@get(
    "/programmes/{pk}/districts",
    auth=token,
    response={200: ProgrammeDistrictsOut, **SIGNED_IN, **BY_ID},
    summary="Each participating district with its nomination state (as the dashboard)",
)
def programme_districts(request, pk: Id):
    programme = _programme(request, pk, "programmes.view_dashboard")
    return {
        "programme_id": programme.pk,
        "districts": [
            {
                "district_id": row.district.pk,
                "code": row.district.code,
                "name_th": row.district.name_th,
                "name_en": row.district.name_en,
                "state": row.status or "not_registered",
                "state_label": row.status_label,
            }
            for row in district_statuses(programme)
        ],
    }


@get(
    "/programmes/{pk}/results",
    response={200: ResultsOut, 409: ErrorOut, **BY_ID},
    summary="Published results, as the public results page shows them (no token)",
)
def programme_results(request, pk: Id):
    shown = published(Results.objects.select_related("programme").filter(programme_id=pk).first())
    if shown is None:
        get_object_or_404(Programme, pk=pk)
        raise ApiError(404, errors.RESULTS_NOT_PUBLISHED)
    if shown.tampered:
        raise ApiError(409, errors.RESULTS_TAMPERED)
    results, bundle = shown.results, shown.bundle
    criteria = shown.codes
    return {
        "programme_id": results.programme_id,
        "programme_name": bundle["programme"]["name"],
        "fiscal_year": bundle["programme"]["fiscal_year"],
        "status": results.status,
        "published_at": results.published_at,
        "objections_close_at": results.objections_close_at,
        "finalised_at": results.finalised_at,
        "sha256": results.digest,
        "bundle_url": request.build_absolute_uri(reverse("results:bundle", args=[pk])),
        "rubric": [
            {"code": c["code"], "title": c["title"], "max_points": c["max"]}
            for c in bundle["rubric"]["criteria"]
        ],
        "ranking": [
            {
                "rank": row.rank,
                "district": row.district,
                "officer": row.officer,
                "network_member": row.member,
                "work_title": row.work_title,
                "means": {code: str(mean) for code, mean in zip(criteria, row.means, strict=True)},
                "total": str(row.total),
                "counted": row.counted,
                "recused": row.recused,
                "tied": row.tied,
                "decided_by": str(TIE_BREAK_LABELS.get(row.decided_by, row.decided_by)),
                "dossier_sha256": row.dossier_sha256,
                "sheets": [
                    {
                        "label": sheet.label,
                        # Two decimals, as means and totals (the bundle has the exact form)
                        "points": {
                            code: f"{points:.2f}"
                            for code, points in zip(criteria, sheet.points, strict=True)
                        },
                        "total": f"{sheet.total:.2f}",
                    }
                    for sheet in row.sheets
                ],
            }
            for row in shown.rows()
        ],
        "committee": [
            {"holder": seat["holder"], "post": seat["post"], "role": seat["role"]}
            for seat in bundle["committee"]
        ],
        "conflicts": bundle["conflicts"],
    }


@get(
    "/certificates/{code}",
    response={200: CertificateOut, 404: ErrorOut},
    summary="Check a certificate by its number, typed as forgivingly as on /verify/",
)
def certificate_check(request, code: str, response: HttpResponse):
    normal = codes.normalise(code)
    certificate = Certificate.objects.filter(code=normal).first() if normal else None
    # A certificate names a person: keep the answer out of caches, as the web page does.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    if certificate is None:
        return Status(404, errors.error_body(errors.CERTIFICATE_NOT_FOUND))
    return {
        "status": "revoked" if certificate.is_revoked else "genuine",
        "code": certificate.display_code,
        "name": certificate.name,
        "kind": certificate.kind,
        "kind_label": str(certificate.get_kind_display()),
        "award_text": certificate.award_text,
        "programme_text": certificate.programme_text,
        "issuer": certificate.issuer,
        "issued_on": certificate.issued_on,
        "revoked_at": certificate.revoked_at,
        "revoke_reason": certificate.revoke_reason if certificate.is_revoked else None,
    }


api.add_router("", read)
