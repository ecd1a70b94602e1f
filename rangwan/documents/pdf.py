"""HTML to PDF with WeasyPrint, in Sarabun, the typeface of Thai government documents.

WeasyPrint is imported inside the functions: it takes about a second to load and only
document views need it. Resources are fetched by a fetcher that knows two things: the
Sarabun files (absolute file:// URLs, as WeasyPrint needs), evidence files by id
(`evidence:<id>` and `evidence-thumb:<id>`), read through the storage API, and QR codes
(`qr:<percent-encoded text>`), drawn by segno as a PNG with one pixel a module: nothing
is read for them. Nothing else, so text a district typed can never pull in a file or a
web address.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import fontpkg_sarabun
from django.template.loader import render_to_string

FONT_DIR = Path(fontpkg_sarabun.ROOT) / "files"
FONTS = {
    (400, "normal"): "Sarabun-Regular.ttf",
    (700, "normal"): "Sarabun-Bold.ttf",
    (400, "italic"): "Sarabun-Italic.ttf",
    (700, "italic"): "Sarabun-BoldItalic.ttf",
}


def font_faces() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for (weight, style), name in FONTS.items()
    )


def qr_src(text: str) -> str:
    """The `src` of an <img> showing `text` as a QR code (error correction level M)."""
    return "qr:" + quote(text, safe="")


def _qr_png(text: str) -> bytes:
    import io

    import segno

    out = io.BytesIO()
    # One pixel a module and no border: the page is the quiet zone, and the template
    # scales it up with `image-rendering: pixelated` so every module stays sharp.
    segno.make(text, error="m").save(out, kind="png", scale=1, border=0)
    return out.getvalue()


def _fetcher():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    from rangwan.nominations.models import Evidence

    font_prefix = FONT_DIR.as_uri() + "/"

    class RangwanFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(("evidence:", "evidence-thumb:")):
                scheme, _colon, pk = url.partition(":")
                evidence = Evidence.objects.get(pk=int(pk))
                field = evidence.thumbnail if scheme == "evidence-thumb" else evidence.file
                with field.open("rb") as stored:
                    body = stored.read()
                content_type = "image/jpeg" if scheme == "evidence-thumb" else evidence.content_type
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
            if url.startswith("qr:"):
                body = _qr_png(unquote(url.removeprefix("qr:")))
                return URLFetcherResponse(url, body, {"Content-Type": "image/png"})
            if url.startswith(font_prefix) and ".." not in url:
                return super().fetch(url, headers)
            raise ValueError(f"Not fetched: {url[:80]}")

    return RangwanFetcher()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher()).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, {**context, "font_faces": font_faces()}))


def render_document(template: str, context: dict):
    """The laid-out WeasyPrint document, for callers that write its pages separately
    (`document.copy([page]).write_pdf()`): one layout, many small PDFs."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "font_faces": font_faces()})
    return HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher()).render()
