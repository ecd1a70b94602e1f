"""เกียรติบัตร as PDF: landscape A4, one page a certificate, with its code and a QR code
(segno, a PNG with one pixel a module drawn by the PDF fetcher) that leads to the public
verify page.

Many certificates at once (`render_certificates`) are laid out as one WeasyPrint
document a chunk, then each page is written as its own PDF (`Document.copy`): the
stylesheet and fonts are loaded once a chunk instead of once a certificate, and each
file still embeds only what its page uses (figures in docs/PERFORMANCE.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from rangwan.core.thai import MONTHS_TH, be_year, thai_digits
from rangwan.documents.pdf import qr_src, render_document, render_pdf

TEMPLATE = "documents/certificate.html"


def verify_url(certificate) -> str:
    return settings.SITE_URL + reverse("honours:verify", args=[certificate.code])


def given_on(day) -> str:
    """'๑๓ มิถุนายน พ.ศ. ๒๕๖๘', as certificates write the date they are given."""
    return f"{thai_digits(day.day)} {MONTHS_TH[day.month - 1]} พ.ศ. {thai_digits(be_year(day))}"


def _page(certificate) -> dict:
    url = verify_url(certificate)
    return {
        "certificate": certificate,
        "verify_url": url,
        "qr_src": qr_src(url),
        "given_on": given_on(certificate.issued_on),
        "position_lines": [
            line.strip() for line in certificate.signer_position.splitlines() if line.strip()
        ],
    }


def _context(certificates: list) -> dict:
    return {
        "pages": [_page(c) for c in certificates],
        "site": settings.SITE_URL + reverse("honours:verify_form"),
    }


def _render(certificates: list) -> bytes:
    with translation.override("th"):
        return render_pdf(TEMPLATE, _context(certificates))


def render_certificate_pdf(certificate) -> bytes:
    """One certificate; a revoked one carries ยกเลิก / REVOKED across the page."""
    return _render([certificate])


def render_certificates(certificates: Iterable, *, chunk: int = 50) -> Iterator[tuple]:
    """(certificate, its PDF) for each certificate, laid out `chunk` at a time: memory
    stays bounded however many there are."""
    certificates = list(certificates)
    for start in range(0, len(certificates), chunk):
        part = certificates[start : start + chunk]
        with translation.override("th"):
            document = render_document(TEMPLATE, _context(part))
        for certificate, page in zip(part, document.pages, strict=True):
            yield certificate, document.copy([page]).write_pdf()
