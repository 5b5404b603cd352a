"""The one upload checker: size, type read from the content (never from the name or the
browser's header), and photos re-encoded so that only their pixels are kept
(`lindung.common.images`). One error type, `UploadError`, with a message in the active
language naming the file and what is wrong with it.

Each route states its rules (`UploadRules`): which types it takes, how many files, how
large each and together. PDF and office documents are stored as they were sent.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from lindung.common import images

JPEG, PNG, WEBP, HEIC = "image/jpeg", "image/png", "image/webp", "image/heic"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
PHOTOS = frozenset({JPEG, PNG, WEBP, HEIC})
DOCUMENTS = frozenset({PDF, XLSX, DOCX, ODT, ODS})

_EXTENSIONS = {JPEG: ".jpg", PNG: ".png", WEBP: ".webp", HEIC: ".heic", PDF: ".pdf",
               XLSX: ".xlsx", DOCX: ".docx", ODT: ".odt", ODS: ".ods"}
_ACCEPT = {JPEG: ".jpg,.jpeg,image/jpeg", PNG: ".png,image/png", WEBP: ".webp,image/webp",
           HEIC: ".heic,.heif,image/heic,image/heif", PDF: ".pdf,application/pdf",
           XLSX: ".xlsx", DOCX: ".docx", ODT: ".odt", ODS: ".ods"}
_NAMES = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP", HEIC: "HEIC", PDF: "PDF", XLSX: "XLSX",
          DOCX: "DOCX", ODT: "ODT", ODS: "ODS"}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"}
_ZIP_MARKERS = {"xl/workbook.xml": XLSX, "word/document.xml": DOCX}
_OPEN_DOCUMENT = {ODT.encode(): ODT, ODS.encode(): ODS}
MB = 1024 * 1024


class UploadError(ValueError):
    """What is wrong with which file, in the active language."""


@dataclass(frozen=True)
class UploadRules:
    types: frozenset[str]
    max_files: int = 5
    max_file_bytes: int = 5 * MB
    max_total_bytes: int | None = None

    @property
    def accept(self) -> str:
        """The `accept` attribute of the file input."""
        return ",".join(_ACCEPT[t] for t in sorted(self.types, key=list(_ACCEPT).index))

    @property
    def type_names(self) -> str:
        return ", ".join(_NAMES[t] for t in sorted(self.types, key=list(_NAMES).index))

    @property
    def body_bytes(self) -> int:
        """The largest request body a form with these files can need (plus 1 MB of fields)."""
        files = self.max_total_bytes or self.max_files * self.max_file_bytes
        return files + MB


@dataclass(frozen=True)
class CheckedFile:
    name: str  # a display name with the extension of the stored type
    content: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _zip_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = archive.read("mimetype").strip()
                if kind in _OPEN_DOCUMENT:
                    return _OPEN_DOCUMENT[kind]
            for marker, found in _ZIP_MARKERS.items():
                if marker in names and "[Content_Types].xml" in names:
                    return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def detect_type(content: bytes) -> str | None:
    """The content type from the file's bytes, or None when it is none Lindung takes."""
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    if content[4:8] == b"ftyp" and content[8:12] in _HEIF_BRANDS:
        return HEIC
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    return None


def display_name(raw: str) -> str:
    base = re.split(r"[\\/]", raw or "")[-1]
    cleaned = re.sub(r"[^\w .()-]+", "_", base, flags=re.UNICODE).strip(" ._")
    return (cleaned or "berkas")[:100]


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def check_file(upload: UploadedFile, *, rules: UploadRules, number: int = 1) -> CheckedFile:
    name = display_name(upload.name or "")
    args = {"n": number, "name": name, "limit": _mb(rules.max_file_bytes)}
    if (upload.size or 0) > rules.max_file_bytes:
        raise UploadError(_("Berkas %(n)d (%(name)s) lebih dari %(limit)s MB.") % args)
    upload.seek(0)
    content = upload.read(rules.max_file_bytes + 1)
    if len(content) > rules.max_file_bytes:
        raise UploadError(_("Berkas %(n)d (%(name)s) lebih dari %(limit)s MB.") % args)
    if not content:
        raise UploadError(_("Berkas %(n)d (%(name)s) kosong.") % args)
    content_type = detect_type(content)
    if content_type is None or content_type not in rules.types:
        raise UploadError(_("Menurut isinya, berkas %(n)d (%(name)s) bukan jenis yang "
                            "diterima: hanya %(types)s.") % {**args, "types": rules.type_names})
    extension = _EXTENSIONS[content_type]
    if content_type in PHOTOS:
        try:
            clean = images.reencode(content, content_type)
        except images.ImageError as exc:
            if exc.kind == "too-large":
                raise UploadError(_("Foto %(n)d (%(name)s) terlalu besar (lebih dari "
                                    "%(pixels)d juta piksel).")
                                  % {**args, "pixels": images.MAX_PIXELS // 1_000_000}) from exc
            raise UploadError(_("Berkas %(n)d (%(name)s) rusak atau tidak lengkap.")
                              % args) from exc
        content, content_type, extension = clean.content, clean.content_type, clean.extension
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return CheckedFile(name=f"{stem}{extension}"[:120], content=content,
                       content_type=content_type, extension=extension)


def check_files(uploads: Sequence[UploadedFile], *, rules: UploadRules) -> list[CheckedFile]:
    """Check every file before anything is stored; UploadError names the first problem."""
    if len(uploads) > rules.max_files:
        raise UploadError(_("Paling banyak %(n)d berkas.") % {"n": rules.max_files})
    total = sum(upload.size or 0 for upload in uploads)
    if rules.max_total_bytes is not None and total > rules.max_total_bytes:
        raise UploadError(_("Berkas melebihi %(limit)s MB seluruhnya.")
                          % {"limit": _mb(rules.max_total_bytes)})
    return [check_file(upload, rules=rules, number=number)
            for number, upload in enumerate(uploads, start=1)]
