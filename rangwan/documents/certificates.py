"""เกียรติบัตร as PDF: landscape A4, one page a certificate, with its code and a QR code
(segno, inline SVG, so the PDF fetcher is not involved) that leads to the public
verify page.

Many certificates at once (`render_certificates`) are laid out as ONE WeasyPrint
document and then cut into one PDF a page: WeasyPrint loads and subsets the fonts
once instead of once a certificate (figures in docs/PERFORMANCE.md).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from rangwan.core.thai import MONTHS_TH, be_year, thai_digits
from rangwan.documents.pdf import render_pdf

TEMPLATE = "documents/certificate.html"


def verify_url(certificate) -> str:
    return settings.SITE_URL + reverse("honours:verify", args=[certificate.code])


def qr_svg(url: str) -> str:
    import segno

    # Level M survives a scuffed print; no border: the page's white margin is the
    # quiet zone. Module drawn as plain paths, so it is sharp at any size.
    return segno.make(url, error="m").svg_inline(border=0, omitsize=True, svgclass="qr")


def given_on(day) -> str:
    """'๑๓ มิถุนายน พ.ศ. ๒๕๖๘', as certificates write the date they are given."""
    return f"{thai_digits(day.day)} {MONTHS_TH[day.month - 1]} พ.ศ. {thai_digits(be_year(day))}"


def _page(certificate) -> dict:
    url = verify_url(certificate)
    return {
        "certificate": certificate,
        "verify_url": url,
        "qr": mark_safe(qr_svg(url)),  # noqa: S308 - segno's own SVG, no user text in it
        "given_on": given_on(certificate.issued_on),
        "position_lines": [
            line.strip() for line in certificate.signer_position.splitlines() if line.strip()
        ],
    }


def _render(certificates: list) -> bytes:
    with translation.override("th"):
        return render_pdf(
            TEMPLATE,
            {
                "pages": [_page(c) for c in certificates],
                "site": settings.SITE_URL + reverse("honours:verify_form"),
            },
        )


def render_certificate_pdf(certificate) -> bytes:
    """One certificate; a revoked one carries ยกเลิก / REVOKED across the page."""
    return _render([certificate])


def split_pages(pdf: bytes) -> Iterator[bytes]:
    """One PDF a page of the given PDF."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        writer = PdfWriter()
        writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        yield out.getvalue()


def render_certificates(certificates: Iterable, *, chunk: int = 200) -> Iterator[tuple]:
    """(certificate, its PDF) for each certificate, rendered `chunk` at a time as one
    document and cut into pages: memory stays bounded however many there are."""
    certificates = list(certificates)
    for start in range(0, len(certificates), chunk):
        part = certificates[start : start + chunk]
        yield from zip(part, split_pages(_render(part)), strict=True)
