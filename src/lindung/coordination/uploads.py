"""Evidence attachments: the type is read from the file's content (never from its name or
the browser's header), the size is bounded, and only document and image types are taken."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
ACCEPT = (".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.odt,.ods,application/pdf,image/png,image/jpeg")
_ZIP_TYPES = {
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        ".xlsx"),
    "word/document.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                          "document", ".docx"),
}
_OPEN_DOCUMENT = {b"application/vnd.oasis.opendocument.text": ".odt",
                  b"application/vnd.oasis.opendocument.spreadsheet": ".ods"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _zip_type(content: bytes) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = archive.read("mimetype").strip()
                if kind in _OPEN_DOCUMENT:
                    return kind.decode(), _OPEN_DOCUMENT[kind]
            for marker, found in _ZIP_TYPES.items():
                if marker in names and "[Content_Types].xml" in names:
                    return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def detect_type(content: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the content, or None when the type is not taken."""
    if content.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    return None


def display_name(raw: str) -> str:
    base = re.split(r"[\\/]", raw or "")[-1]
    cleaned = re.sub(r"[^\w .()-]+", "_", base, flags=re.UNICODE).strip(" ._")
    return (cleaned or "berkas")[:100]


def check_files(uploads: list[UploadedFile], *, field: str = "files") -> list[CheckedFile]:
    """Read and check uploads; a bilingual ValidationError on `field` names the file and
    what is wrong with it."""
    if len(uploads) > MAX_FILES:
        raise ValidationError({field: f"Paling banyak {MAX_FILES} berkas / "
                                      f"At most {MAX_FILES} files"})
    checked: list[CheckedFile] = []
    limit_mb = MAX_FILE_BYTES // (1024 * 1024)
    for upload in uploads:
        name = display_name(upload.name or "")
        if (upload.size or 0) > MAX_FILE_BYTES:
            raise ValidationError({field: (
                f"Berkas '{name}' lebih dari {limit_mb} MB / "
                f"The file '{name}' is larger than {limit_mb} MB")})
        content = upload.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise ValidationError({field: (
                f"Berkas '{name}' lebih dari {limit_mb} MB / "
                f"The file '{name}' is larger than {limit_mb} MB")})
        if not content:
            raise ValidationError({field: f"Berkas '{name}' kosong / The file '{name}' is empty"})
        found = detect_type(content)
        if found is None:
            raise ValidationError({field: (
                f"Jenis berkas '{name}' tidak diterima: hanya PDF, PNG, JPEG, XLSX, DOCX, ODT, "
                f"ODS / The type of '{name}' is not accepted: only PDF, PNG, JPEG, XLSX, DOCX, "
                f"ODT, ODS")})
        content_type, extension = found
        stem = name.rsplit(".", 1)[0] if "." in name else name
        checked.append(CheckedFile(name=f"{stem}{extension}"[:120], content=content,
                                   content_type=content_type, extension=extension))
    return checked
