"""Every write to certificates: issuing (idempotent, only from FINAL results), revoking,
and the background batch that issues and renders a whole programme into one zip."""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from rangwan.audit.services import record
from rangwan.core.thai import thai_digits
from rangwan.honours.codes import grouped, new_code
from rangwan.honours.enums import BatchStatus, CertificateKind
from rangwan.honours.models import Certificate, CertificateBatch
from rangwan.judging.enums import SeatRole
from rangwan.nominations.models import Nomination
from rangwan.results.queries import Published, published_for

logger = logging.getLogger(__name__)

WORDING_FIELDS = (
    "award_text",
    "participation_text",
    "programme_text",
    "issued_on",
    "signer_name",
    "signer_position",
)
# A running batch reports progress every few seconds; silent this long, its worker died.
STALE_AFTER = dt.timedelta(minutes=10)
_YEAR_AT_END = re.compile(r"\s*[0-9๐-๙]{4}\s*$")


def final_results(programme) -> Published:
    """The final results, checked against their digest: no certificate is issued from
    results that fail their integrity check."""
    shown = published_for(programme)
    if shown is None or not shown.results.is_final:
        raise ValidationError(
            _("Certificates are issued from the final results; these are not final yet.")
        )
    if shown.tampered:
        raise ValidationError(shown.tampered)
    return shown


def _prize(programme) -> str:
    """The prize's name, from the programme's: '๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การ
    ขับเคลื่อนงานพัฒนาชุมชน' out of the short name and the full name."""
    core = _YEAR_AT_END.sub("", programme.short_name_th)
    name = programme.name_th
    if core and core in name:
        tail = name[name.index(core) :]
        return tail.split(" ประจำปีงบประมาณ")[0].strip()
    return core or name


def default_wording(programme) -> dict[str, Any]:
    """What a certificate says unless the secretariat changes it: the prize as the seed
    calls it (สุดยอด ... ระดับจังหวัด, step 6.4 and 6.6), the project, the committee
    chair (พัฒนาการจังหวัด) as signer, and today."""
    prize = _prize(programme)
    name = programme.name_th
    project = name[: name.index(prize)].strip() if prize in name else name
    if "ประจำปีงบประมาณ" not in project:
        project = f"{project} ประจำปีงบประมาณ พ.ศ. {thai_digits(programme.fiscal_year)}"
    chair = programme.seats.filter(role=SeatRole.CHAIR).first()
    return {
        "award_text": f"ได้รับรางวัลสุดยอด {prize} ระดับจังหวัด",
        "participation_text": f"ได้เข้าร่วมการคัดเลือกสุดยอด {prize}",
        "programme_text": f"ภายใต้{project}",
        "issued_on": timezone.localdate(),
        "signer_name": chair.holder_name if chair else "",
        "signer_position": chair.post_th if chair else "",
    }


def _clean_wording(wording: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: wording.get(key) for key in WORDING_FIELDS}
    if isinstance(cleaned["issued_on"], str):
        cleaned["issued_on"] = dt.date.fromisoformat(cleaned["issued_on"])
    missing = [key for key, value in cleaned.items() if not value or not str(value).strip()]
    if missing:
        raise ValidationError(
            {key: _("This is printed on every certificate: fill it in.") for key in missing}
        )
    return {k: v.strip() if isinstance(v, str) else v for k, v in cleaned.items()}


def _affiliations(nomination) -> tuple[str, str]:
    """What is printed under each name: the officer's post and office, the member's role
    and network, with the district."""
    district = nomination.district.name_th
    office = getattr(nomination.district, "office", None)
    officer_post = nomination.officer.position or (
        nomination.officer_kind.name_th if nomination.officer_kind else ""
    )
    officer = " ".join(
        part for part in (officer_post, office.name_th if office else f"อำเภอ{district}") if part
    )
    network = nomination.network_name or nomination.network_kind_label_th
    member = " ".join(
        part for part in (nomination.member_role, network, f"อำเภอ{district}") if part
    )
    return officer, member


@transaction.atomic
def issue_certificates(*, programme, actor, wording: dict[str, Any]) -> list[Certificate]:
    """Issue what is missing: an award certificate for each person of the winning pair
    (rank 1 of the final results) and a participation certificate for both persons of
    every ranked pair, the winners included. The ranked pairs are the dossiers the
    committee judged (accepted at screening); a pair returned or rejected did not take
    part in the selection. Certificates already issued are left exactly as they are."""
    results = final_results(programme)
    wording = _clean_wording(wording)
    ranking = results.ranking
    winners = {row["nomination"] for row in ranking if row["rank"] == 1}
    nominations = (
        Nomination.objects.filter(
            programme=programme, pk__in=[row["nomination"] for row in ranking]
        )
        .select_related(
            "district", "district__office", "officer", "member", "officer_kind", "network_kind"
        )
        .order_by("district__code")
    )
    issued = set(programme.certificates.values_list("person_id", "kind"))
    office = getattr(programme.province, "office", None)
    issuer = office.name_th if office else f"จังหวัด{programme.province.name_th}"
    codes: set[str] = set()
    new = []
    for nomination in nominations:
        kinds = [CertificateKind.PARTICIPATION]
        if nomination.pk in winners:
            kinds.insert(0, CertificateKind.AWARD)
        pair = zip((nomination.officer, nomination.member), _affiliations(nomination), strict=True)
        for person, affiliation in pair:
            for kind in kinds:
                if (person.pk, kind) in issued:
                    continue
                code = new_code()
                while code in codes:  # 60 random bits: a repeat is all but impossible
                    code = new_code()
                codes.add(code)
                new.append(
                    Certificate(
                        programme=programme,
                        person=person,
                        nomination=nomination,
                        kind=kind,
                        code=code,
                        name=person.full_name,
                        affiliation=affiliation,
                        award_text=wording[
                            "award_text" if kind == CertificateKind.AWARD else "participation_text"
                        ],
                        programme_text=wording["programme_text"],
                        issuer=issuer,
                        issued_on=wording["issued_on"],
                        signer_name=wording["signer_name"],
                        signer_position=wording["signer_position"],
                        issued_by=actor,
                    )
                )
    # Many at once go in one statement, so no full_clean() a row: the wording was
    # checked above and the database refuses a second certificate of a kind for a person
    # and a repeated code.
    Certificate.objects.bulk_create(new, batch_size=500)
    if new:
        record(
            actor=actor,
            action="certificates.issue",
            obj=programme,
            after={
                "issued": [f"{c.kind}:{c.person_id}:{c.code}" for c in new],
                "wording": wording,
            },
        )
    return new


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, actor, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("This certificate was already revoked."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revoke_reason = reason
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    record(
        actor=actor,
        action="certificate.revoke",
        obj=certificate,
        before={"revoked_at": None},
        after={"revoked_at": certificate.revoked_at, "reason": reason},
    )
    return certificate


@transaction.atomic
def start_certificate_batch(*, programme, actor, wording: dict[str, Any]) -> CertificateBatch:
    """Queue "issue all certificates": the worker (`manage.py db_worker`) picks it up once
    this transaction commits."""
    final_results(programme)
    wording = _clean_wording(wording)
    _give_up_stale_batches(programme)
    if CertificateBatch.objects.filter(
        programme=programme, status__in=BatchStatus.active()
    ).exists():
        raise ValidationError(_("A batch is already running for this programme."))
    batch = CertificateBatch(
        programme=programme,
        started_by=actor,
        options={**wording, "issued_on": wording["issued_on"].isoformat()},
    )
    batch.full_clean()
    batch.save()
    record(actor=actor, action="certificates.batch_start", obj=batch, after=batch.options)
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _give_up_stale_batches(programme) -> None:
    """A worker killed mid-batch leaves it "running" for ever; once it has been silent
    for STALE_AFTER, it is marked failed so that a new batch can start."""
    stale = CertificateBatch.objects.filter(
        programme=programme,
        status=BatchStatus.RUNNING,
        heartbeat_at__lt=timezone.now() - STALE_AFTER,
    )
    for batch in stale:
        _fail(batch.pk, RuntimeError(_("The worker stopped before the batch was finished.")))


def _enqueue(batch_pk: int) -> None:
    try:
        result = generate_certificate_batch.enqueue(batch_pk)
    except Exception as error:
        logger.exception("Could not queue certificate batch %s", batch_pk)
        _fail(batch_pk, error)
        return
    CertificateBatch.objects.filter(pk=batch_pk, task_id="").update(task_id=str(result.id)[:64])


def _fail(batch_pk: int, error: BaseException) -> None:
    CertificateBatch.objects.filter(pk=batch_pk).update(
        status=BatchStatus.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        finished_at=timezone.now(),
    )


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
FOLDERS = {CertificateKind.AWARD: "รางวัล", CertificateKind.PARTICIPATION: "ผู้เข้าร่วม"}


def zip_name(certificate: Certificate) -> str:
    """รางวัล/2402 บางคล้า - นายสมมติ ใจซื่อ - K7QM-3XWD-9TRB.pdf"""
    district = certificate.nomination.district
    stem = f"{district.code} {district.name_th} - {certificate.name} - {grouped(certificate.code)}"
    return f"{FOLDERS[certificate.kind]}/{_UNSAFE.sub(' ', stem).strip()}.pdf"


def run_certificate_batch(batch_pk: int) -> dict[str, Any]:
    """The worker's side: issue what is missing, render every valid certificate into one
    zip in the private "generated" storage, counting on the batch row as it goes. Any
    failure is written on the batch (and raised, so the task fails too)."""
    from rangwan.documents.certificates import render_certificates

    now = timezone.now()
    claimed = CertificateBatch.objects.filter(pk=batch_pk, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        return {"skipped": True}
    batch = CertificateBatch.objects.select_related("programme", "started_by").get(pk=batch_pk)
    try:
        issue_certificates(programme=batch.programme, actor=batch.started_by, wording=batch.options)
        certificates = list(
            batch.programme.certificates.valid()
            .select_related("nomination__district")
            .order_by("kind", "nomination__district__code", "pk")
        )
        CertificateBatch.objects.filter(pk=batch_pk).update(total=len(certificates))
        with tempfile.TemporaryFile() as spool:
            # PDFs are compressed already: storing them is as small and much faster.
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
                done = 0
                for certificate, pdf in render_certificates(certificates):
                    archive.writestr(zip_name(certificate), pdf)
                    done += 1
                    if done % 10 == 0 or done == len(certificates):
                        CertificateBatch.objects.filter(pk=batch_pk).update(
                            done=done, heartbeat_at=timezone.now()
                        )
            spool.seek(0)
            year = batch.programme.fiscal_year
            batch.file.save(f"certificates/{year}-batch-{batch.pk}.zip", File(spool), save=False)
        CertificateBatch.objects.filter(pk=batch_pk).update(
            status=BatchStatus.DONE, file=batch.file.name, finished_at=timezone.now(), done=done
        )
    except BaseException as error:
        _fail(batch_pk, error)
        raise
    batch.refresh_from_db()
    record(
        actor=batch.started_by,
        action="certificates.batch_done",
        obj=batch,
        after={"total": batch.total, "file": batch.file.name},
    )
    return {"total": batch.total, "file": batch.file.name}


@task()
def generate_certificate_batch(batch_pk: int) -> dict:
    """Background work, run by `manage.py db_worker` (django-tasks, database backend):
    issue and render every certificate of a programme into one zip."""
    return run_certificate_batch(batch_pk)
