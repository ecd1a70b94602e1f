"""Checking and cleaning an evidence upload, by its content, never by its name.

Photos (JPEG, PNG, WebP) are decoded by Pillow under a pixel limit, turned upright,
scaled down to a sane size and re-encoded without any metadata (EXIF, GPS, comments).
PDFs are parsed by pypdf and refused when they carry JavaScript, launch actions or
embedded files. Everything else (SVG, HTML, programs, archives) is refused.

The upload itself is read from Django's temporary file: its bytes are streamed through
SHA-256 and Pillow or pypdf, never held whole in memory more than once.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from rangwan.nominations.enums import EvidenceKind

CHUNK = 1024 * 1024
PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
# Markers of active content in a PDF; any of them refuses the file.
PDF_DANGER = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")


@dataclass
class CleanFile:
    kind: str
    content_type: str
    extension: str
    data: bytes | None  # re-encoded photo; None for a PDF, which is copied from `source`
    source: IO[bytes] | None
    thumbnail: bytes | None
    width: int | None
    height: int | None
    size: int
    sha256: str


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def sniff(head: bytes) -> str | None:
    """What the first bytes say the file is."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    return None


def _refusal_for_unknown(head: bytes) -> ValidationError:
    text = head.lstrip().lower()
    if b"<svg" in text[:1024] or (text.startswith(b"<?xml") and b"svg" in text[:1024]):
        message = _(
            "SVG drawings cannot be uploaded: they can carry scripts. Send a photo or a PDF."
        )
    elif text.startswith((b"<!doctype html", b"<html", b"<script")) or b"<html" in text[:1024]:
        message = _("Web pages (HTML) cannot be uploaded. Send a photo or a PDF.")
    elif head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"PK\x03\x04")):
        message = _("Programs and archives cannot be uploaded. Send a photo or a PDF.")
    else:
        message = _(
            "This file is not a photo (JPEG, PNG, WebP) or a PDF document, whatever its name says."
        )
    return refuse(message, "type")


def clean_upload(upload) -> CleanFile:
    """Check an uploaded file and return it cleaned, or raise ValidationError in Thai."""
    limit = settings.EVIDENCE_MAX_FILE_BYTES
    if upload.size > limit:
        raise refuse(
            _("The file is %(size)s MB; the limit is %(limit)s MB a file.")
            % {"size": _mb(upload.size), "limit": _mb(limit)},
            "size",
        )
    if upload.size == 0:
        raise refuse(_("The file is empty."), "empty")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise _refusal_for_unknown(head)
    if kind == "pdf":
        return _clean_pdf(upload)
    return _clean_photo(upload)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _digest(stream: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return digest.hexdigest(), size


def _clean_photo(upload) -> CleanFile:
    damaged = refuse(_("The photo is damaged or incomplete and cannot be read."), "damaged")
    max_pixels = settings.EVIDENCE_MAX_PIXELS
    too_big = refuse(
        _("The photo is too large in pixels (over %(mp)s megapixels). Send a smaller one.")
        % {"mp": max_pixels // 1_000_000},
        "pixels",
    )
    Image.MAX_IMAGE_PIXELS = max_pixels
    # WeasyPrint sets this process-wide flag to True when it is imported, which would
    # let a truncated photo through with its missing part painted grey.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in PHOTO_FORMATS:
                raise _refusal_for_unknown(b"")
            if image.width * image.height > max_pixels:
                raise too_big
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise damaged from None
    content_type, extension = PHOTO_FORMATS[image.format]
    fmt = image.format
    image = ImageOps.exif_transpose(image)
    side = settings.EVIDENCE_MAX_SIDE
    if max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Saving without exif=, icc_profile= or pnginfo= writes no metadata at all.
    data = _encode(image, fmt)
    thumb = image.copy()
    thumb.thumbnail((settings.EVIDENCE_THUMBNAIL_SIDE,) * 2, Image.Resampling.LANCZOS)
    thumbnail = _encode(_flatten(thumb), "JPEG")
    return CleanFile(
        kind=EvidenceKind.PHOTO,
        content_type=content_type,
        extension=extension,
        data=data,
        source=None,
        thumbnail=thumbnail,
        width=image.width,
        height=image.height,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "L"):
        return image
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=85)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _clean_pdf(upload) -> CleanFile:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    active = refuse(
        _(
            "The PDF contains scripts, actions or attached files, which are not allowed. "
            "Print it to a new PDF and upload that."
        ),
        "pdf-active",
    )
    # Stream the raw bytes once: hash them and look for active-content markers (an
    # overlap keeps a marker split across two chunks from slipping through).
    digest, size, tail = hashlib.sha256(), 0, b""
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        window = tail + chunk
        if any(marker in window for marker in PDF_DANGER):
            raise active
        tail = window[-32:]
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise refuse(
                _("The PDF is password-protected, so it cannot be checked. Upload it unprotected."),
                "pdf-encrypted",
            )
        if _has_active_content(reader):
            raise active
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError):
        raise refuse(_("The PDF is damaged and cannot be read."), "damaged") from None
    if pages == 0:
        raise refuse(_("The PDF has no pages."), "damaged")
    upload.seek(0)
    return CleanFile(
        kind=EvidenceKind.DOCUMENT,
        content_type="application/pdf",
        extension=".pdf",
        data=None,
        source=upload,
        thumbnail=None,
        width=None,
        height=None,
        size=size,
        sha256=digest.hexdigest(),
    )


# Keys, actions and annotations that make a PDF do something when opened or clicked.
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
)
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToE",
        "/GoToR",
        "/Rendition",
        "/RichMediaExecute",
    }
)
ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"})
MAX_PDF_OBJECTS = 500_000


def _has_active_content(reader) -> bool:
    """Walk every object reachable from the document's root (pypdf decodes escaped names
    such as /J#61vaScript and reads inside compressed object streams): any action, key
    or annotation that runs something refuses the file, wherever it hangs: the catalog,
    pages, annotations and their /AA, outlines, form fields, /Next chains."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack: list = [reader.trailer["/Root"]]
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                return True  # too large to check is not let through
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if not ACTIVE_KEYS.isdisjoint(item.keys()):
                return True
            if item.get("/S") in ACTIVE_ACTIONS or item.get("/Subtype") in ACTIVE_ANNOTATIONS:
                return True
            stack.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False
