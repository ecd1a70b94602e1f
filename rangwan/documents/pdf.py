"""HTML to PDF with WeasyPrint, in Sarabun, the typeface of Thai government documents.

WeasyPrint is imported inside the functions: it takes about a second to load and only
document views need it. Resources are fetched by a fetcher that knows exactly these:
the four Sarabun files (by their exact file:// URLs, as WeasyPrint needs them); evidence
files by id (`evidence:<id>`, `evidence-thumb:<id>`) and lessons-learned photos by id
(`lesson-photo:<id>`), read through the storage API; QR codes (`qr:<percent-encoded
text>`), drawn by segno, nothing read. Nothing else, so text someone typed can never
pull in a file or a web address.
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

    # Exact URLs, not a prefix: "%2e%2e/" would pass a prefix check and climb out.
    font_urls = {(FONT_DIR / name).as_uri() for name in FONTS.values()}

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
            if url.startswith("lesson-photo:"):
                from rangwan.learning.models import LessonPhoto

                photo = LessonPhoto.objects.get(pk=int(url.partition(":")[2]))
                with photo.file.open("rb") as stored:
                    body = stored.read()
                return URLFetcherResponse(url, body, {"Content-Type": photo.content_type})
            if url.startswith("qr:"):
                body = _qr_png(unquote(url.removeprefix("qr:")))
                return URLFetcherResponse(url, body, {"Content-Type": "image/png"})
            if url in font_urls:
                return super().fetch(url, headers)
            raise ValueError(f"Not fetched: {url[:80]}")

    return RangwanFetcher()


def html_to_document(html: str):
    """The laid-out pages (a WeasyPrint Document), for documents that look at their own
    layout before writing the PDF, or write its pages as separate PDFs
    (`document.copy([page]).write_pdf()`: one layout, many small files)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher()).render()


def html_to_pdf(html: str) -> bytes:
    return html_to_document(html).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, {**context, "font_faces": font_faces()}))


def pdf_to_png(pdf: bytes, *, page: int = 0, dpi: int = 150, trim: bool = False) -> bytes:
    """One page of a PDF as a PNG, rasterised by PDFium (for pictures in Word files:
    text shaped by WeasyPrint stays right, which matplotlib or Word drawing would not do
    for Thai). With `trim`, the white margin around the content is cut to a small border."""
    import io

    import pypdfium2
    from PIL import ImageChops

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()
    if trim:
        background = image.copy()
        background.paste((255, 255, 255), (0, 0, *image.size))
        box = ImageChops.difference(image, background).getbbox()
        if box:
            border = dpi // 10
            image = image.crop(
                (
                    max(0, box[0] - border),
                    max(0, box[1] - border),
                    min(image.width, box[2] + border),
                    min(image.height, box[3] + border),
                )
            )
    buffer = io.BytesIO()
    # Not optimize=True: it tries every filter at the highest level, 0.6 s for a chart
    # of 1,300 × 1,000 pixels, to save 2 %.
    image.save(buffer, "PNG")
    return buffer.getvalue()


def render_document(template: str, context: dict):
    """A template laid out as pages (see html_to_document)."""
    return html_to_document(render_to_string(template, {**context, "font_faces": font_faces()}))
