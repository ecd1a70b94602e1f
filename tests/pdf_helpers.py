"""Reading generated documents back the way a person would: their text, their fonts and
their pages as pictures."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader


def searchable(text: str) -> str:
    """Text as extracted from a PDF can be compared with: Thai lines wrap without a
    space, and SARA AM is drawn as NIKHAHIT + SARA AA, which extraction reads back as
    SARA AA alone (the page itself shows it right: see the PNG)."""
    return text.replace("\n", "").replace("\u0e33", "\u0e32")


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, searchable("\n".join(page.extract_text() for page in reader.pages))


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def assert_all_sarabun(reader: PdfReader, text: str) -> None:
    """Every glyph came from Sarabun: no fallback font, so nothing is missing."""
    names = font_names(reader)
    assert names and all("Sarabun" in name for name in names), names
    assert "\ufffd" not in text


def artifacts_dir() -> Path:
    path = Path(settings.BASE_DIR) / "var" / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pdf_to_pngs(pdf: bytes, name: str, *, scale: float = 1.0) -> list[Path]:
    """Render each page with PDFium into var/test-artifacts/<name>-page-<n>.png, for
    people to look at (the reference copies in docs/documents/ come from here)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    paths = []
    try:
        for number, page in enumerate(document, start=1):
            path = artifacts_dir() / f"{name}-page-{number}.png"
            page.render(scale=scale).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths
