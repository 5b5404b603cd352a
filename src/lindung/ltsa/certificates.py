"""Ready-to-depart certificates and their QR code.

The QR carries the URL ``/ltsa/verify/<token>``. The token is the application id, the
person id and the certificate serial, signed with ``django.core.signing`` (HMAC-SHA256 with
a key derived from SECRET_KEY and a salt of its own). A forged or altered token fails the
signature; a genuine one still fails when the application has been withdrawn, its
certificate reissued (new serial), or its file is no longer ready to depart (a licence
revoked, a document now expired...).
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from lindung.common import stored_text
from lindung.common.stored_text import Both
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.models import Application
from lindung.ltsa.selectors.applications import application_eligibility
from lindung.ltsa.selectors.applications import application_file_queryset

SALT = "lindung.ltsa.certificate.v1"
#: The short serial's alphabet: digits and capitals without look-alikes (0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


@dataclass(frozen=True)
class CertificateCheck:
    """The outcome of a check. `kept` is the reason as a kept message (its msgid and
    parameters, lindung.common.stored_text), for a row that keeps it (a screening reason's
    detail); `reason` is the same in the active language."""

    valid: bool
    kept: str
    application_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    application: Application | None = field(default=None, compare=False, repr=False)

    @property
    def reason(self) -> str:
        return stored_text.show(self.kept)


def certificate_token(application: Application) -> str:
    if not application.certificate_serial or application.status != ApplicationStatus.READY:
        raise ValueError("No certificate: the application is not ready to depart")
    return signing.dumps({"a": str(application.pk), "p": str(application.person_id),
                          "s": application.certificate_serial}, salt=SALT, compress=True)


def verify_certificate_token(token: str, *, on: date | None = None) -> CertificateCheck:
    """Whether a certificate token is genuine and its file is still ready to depart."""

    try:
        payload = signing.loads(token.strip(), salt=SALT)
        application_id = uuid.UUID(str(payload["a"]))
        person_id = uuid.UUID(str(payload["p"]))
        serial = str(payload["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return CertificateCheck(False, _("Tanda tangan tidak sah: sertifikat palsu atau diubah"))
    application = application_file_queryset().filter(pk=application_id).first()
    if application is None or application.person_id != person_id:
        return CertificateCheck(False, _("Berkas tidak ditemukan"),
                                application_id, person_id)
    if application.certificate_serial != serial and application.status == ApplicationStatus.READY:
        return CertificateCheck(False, _("Sertifikat ini sudah diganti atau dicabut"),
                                application_id, person_id, application)
    return _file_check(application, on=on)


def clean_code(raw: str) -> str:
    """A short serial as typed: capitals, without spaces or hyphens."""
    return re.sub(r"[\s\-]+", "", raw or "").upper()[:20]


def new_certificate_code() -> str:
    """A fresh short serial (8 characters of :data:`CODE_ALPHABET`, unused so far)."""

    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Application.objects.filter(certificate_code=code).exists():
            return code


def printed_code(code: str) -> str:
    """The short serial as printed: two groups of four ("K7QM-3XPA")."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def verify_certificate_code(raw: str, *, on: date | None = None) -> CertificateCheck:
    """The certificate printed with this short serial, checked like a scanned QR code: the
    serial of a withdrawn file or a replaced certificate is no longer issued, so it is not
    found."""

    code = clean_code(raw)
    application = (application_file_queryset().filter(certificate_code=code).first()
                   if len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) else None)
    if application is None:
        return CertificateCheck(False, _("Tidak ada sertifikat berlaku dengan nomor seri ini"))
    return _file_check(application, on=on)


def _file_check(application: Application, *, on: date | None) -> CertificateCheck:
    application_id, person_id = application.pk, application.person_id
    if application.status == ApplicationStatus.WITHDRAWN:
        return CertificateCheck(False, _("Permohonan sudah dibatalkan"), application_id,
                                person_id, application)
    if application.status != ApplicationStatus.READY or not application.certificate_serial:
        return CertificateCheck(False, _("Sertifikat ini sudah diganti atau dicabut"),
                                application_id, person_id, application)
    eligibility = application_eligibility(application, on=on or timezone.localdate())
    if not eligibility.ready:
        reasons = Both(id="; ".join(reason.id for reason in eligibility.missing),
                       en="; ".join(reason.en for reason in eligibility.missing))
        return CertificateCheck(False, stored_text.keep(
            _("Berkas tidak lagi siap berangkat: %(reasons)s"), reasons=reasons),
                                application_id, person_id, application)
    return CertificateCheck(True, _("Sah: berkas siap berangkat"), application_id, person_id,
                            application)
