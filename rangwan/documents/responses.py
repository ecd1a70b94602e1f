"""Generated documents as HTTP responses: never cached by a shared cache, named."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

PDF_TYPE = "application/pdf"


def document_response(
    body: bytes, filename: str, *, content_type: str = PDF_TYPE, inline: bool = True
) -> HttpResponse:
    """A generated file: shown in the browser (PDFs) or downloaded (Word, Excel, CSV,
    zip); `private, no-store` because it carries people's names and scores."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Cache-Control"] = "private, no-store"
    return response
