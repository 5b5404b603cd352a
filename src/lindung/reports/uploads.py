"""Attachments to reports: type by content (magic bytes), size limits, and removal of the
metadata in photos that could locate or identify a reporter (EXIF/XMP with GPS position,
camera serial, comments). The name a file had on the reporter's phone is never kept."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 15 * 1024 * 1024
ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf"


class UploadError(ValueError):
    """Bilingual message saying what is wrong with which file."""


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}


def detect_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from a file's first bytes, or None when not allowed."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heic", ".heic"
    if head.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    return None


def _strip_jpeg(data: bytes) -> bytes:
    """Drop APP1 (EXIF, XMP), APP13 (IPTC) and comment segments; keep the image intact."""
    out = bytearray(data[:2])
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise UploadError("corrupt")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            out += data[i:i + 2]
            i += 2
            continue
        if marker in (0xDA, 0xD9):  # start of scan: the rest is image data
            out += data[i:]
            return bytes(out)
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if length < 2 or i + 2 + length > len(data):
            raise UploadError("corrupt")
        if marker not in (0xE1, 0xED, 0xFE):
            out += data[i:i + 2 + length]
        i += 2 + length
    raise UploadError("corrupt")


_PNG_DROP = {b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"}


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    i = 8
    while i + 12 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if end > len(data):
            raise UploadError("corrupt")
        if kind not in _PNG_DROP:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    raise UploadError("corrupt")


def strip_metadata(content: bytes, content_type: str) -> bytes:
    if content_type == "image/jpeg":
        return _strip_jpeg(content)
    if content_type == "image/png":
        return _strip_png(content)
    return content


def check_files(files: list[UploadedFile]) -> list[CheckedFile]:
    """Check every file before anything is stored; raise UploadError for the first problem."""
    if len(files) > MAX_FILES:
        raise UploadError(_("Paling banyak %(n)d lampiran / At most %(n)d attachments")
                          % {"n": MAX_FILES})
    checked: list[CheckedFile] = []
    total = 0
    for number, upload in enumerate(files, start=1):
        size = upload.size or 0
        if size > MAX_FILE_BYTES:
            raise UploadError(
                _("Lampiran %(n)d terlalu besar (%(mb).1f MB; paling besar 5 MB) / "
                  "Attachment %(n)d is too large (%(mb).1f MB; at most 5 MB)")
                % {"n": number, "mb": size / 1024 / 1024})
        if size == 0:
            raise UploadError(_("Lampiran %(n)d kosong / Attachment %(n)d is empty")
                              % {"n": number})
        total += size
        if total > MAX_TOTAL_BYTES:
            raise UploadError(_("Lampiran melebihi 15 MB seluruhnya / "
                                "Attachments exceed 15 MB in total"))
        upload.seek(0)
        content = upload.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise UploadError(
                _("Lampiran %(n)d terlalu besar (paling besar 5 MB) / "
                  "Attachment %(n)d is too large (at most 5 MB)") % {"n": number})
        detected = detect_type(content[:16])
        if detected is None:
            raise UploadError(
                _("Lampiran %(n)d bukan foto (JPEG, PNG, WEBP, HEIC) atau PDF menurut isinya / "
                  "Attachment %(n)d is not a photo (JPEG, PNG, WEBP, HEIC) or a PDF by its "
                  "content") % {"n": number})
        content_type, extension = detected
        try:
            content = strip_metadata(content, content_type)
        except UploadError as exc:
            raise UploadError(
                _("Lampiran %(n)d rusak atau tidak lengkap / Attachment %(n)d is damaged or "
                  "incomplete") % {"n": number}) from exc
        checked.append(CheckedFile(content=content, content_type=content_type,
                                   extension=extension,
                                   sha256=hashlib.sha256(content).hexdigest()))
    return checked
