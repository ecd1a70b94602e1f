"""Every error the API sends is one JSON shape, with the message in Thai and in English:

    {"code": "not_found", "message_th": "...", "message_en": "...", "detail": [...]}

`detail` lists what was wrong with the request's parameters (422 only)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

UNAUTHORIZED = ("unauthorized", _("Send a valid API token: Authorization: Bearer <token>."))
FORBIDDEN = ("forbidden", _("Your account may not read this."))
NOT_FOUND = ("not_found", _("Not found."))
INVALID = ("invalid_request", _("The request's parameters are not valid."))
RESULTS_NOT_PUBLISHED = ("results_not_published", _("The results have not been published yet."))
RESULTS_TAMPERED = (
    "results_failed_integrity_check",
    _(
        "These results failed their integrity check: what is stored no longer matches the "
        "fingerprint recorded when they were published, so no figures are given."
    ),
)
CERTIFICATE_NOT_FOUND = (
    "certificate_not_found",
    _("No certificate with this number was issued through Rangwan."),
)


class ErrorOut(Schema):
    code: str
    message_th: str
    message_en: str
    detail: list[dict[str, Any]] | None = None


class ApiError(Exception):
    def __init__(self, status: int, error: tuple[str, Any]):
        self.status = status
        self.code, self.message = error
        super().__init__(self.code)


def error_body(error: tuple[str, Any], detail: list | None = None) -> dict[str, Any]:
    code, message = error
    body = {"code": code}
    for language in ("th", "en"):
        with translation.override(language):
            body[f"message_{language}"] = str(message)
    if detail is not None:
        body["detail"] = detail
    return body


def install(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="rangwan"'
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return answer(request, exc.status, error_body((exc.code, exc.message)))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return answer(request, 401, error_body(UNAUTHORIZED))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(request, 403, error_body(FORBIDDEN))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, error_body(NOT_FOUND))

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return answer(request, 422, error_body(INVALID, detail=exc.errors))

    @api.exception_handler(HttpError)
    def other_http_error(request, exc: HttpError):
        code = {401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND}.get(exc.status_code, INVALID)
        return answer(request, exc.status_code, error_body(code))
