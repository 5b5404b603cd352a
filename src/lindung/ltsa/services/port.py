"""The certificate at the port: the applicant's photo taken at the LTSA, and the audited
read of a certificate's holder by the officer who checks it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common.uploads import MB
from lindung.common.uploads import PHOTOS
from lindung.common.uploads import UploadError
from lindung.common.uploads import UploadRules
from lindung.common.uploads import check_file
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.ltsa import certificates
from lindung.ltsa.access import may_check_certificates
from lindung.ltsa.access import may_see_holder
from lindung.ltsa.models import Application

PHOTO_RULES = UploadRules(types=PHOTOS, max_files=1, max_file_bytes=8 * MB)


@transaction.atomic
def application_photo_set(*, actor: User, application: Application,
                          upload: UploadedFile) -> Application:
    """Store the applicant's photo taken at the LTSA (re-encoded from its pixels: no
    location or other metadata; sealed with AES-256-GCM under a random name, never on disk
    in clear), replacing an earlier one."""
    access.require(actor, CHANGE, application)
    if not application.is_active:
        raise ValidationError({"photo": _("Berkas sudah dibatalkan")})
    try:
        checked = check_file(upload, rules=PHOTO_RULES)
    except UploadError as exc:
        raise ValidationError({"photo": str(exc)}) from exc
    old = application.photo.name if application.photo else ""
    sealed.store(application.photo, checked.content)  # encrypted at rest, a random name
    application.updated_by = actor
    application.save(update_fields=["photo", "updated_by", "updated_at"])
    if old:
        transaction.on_commit(lambda: default_storage.delete(old))
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=application,
                        region_code=application.region_code, detail={"fields": ["photo"]})
    return application


def certificate_holder_viewed(*, actor: User, application: Application,
                              context: str = "certificate-lookup") -> None:
    """An officer checking a certificate saw its holder (name, birth date, photo): audited
    like any read of a person."""
    if not (may_check_certificates(actor) or access.can(actor, "view", application)):
        raise PermissionDenied(_("Akses ditolak"))

    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=application,
                        region_code=application.region_code,
                        detail={"context": context, "person": str(application.person_id)})


def certificate_look_up(*, actor: User, serial: str,
                        context: str) -> tuple[certificates.CertificateCheck, bool]:
    """The certificate with this short serial, and whether ``actor`` sees its holder (the
    read is audited then, :func:`certificate_holder_viewed`). The page /ltsa/verify/ and the
    API share it; both check the role and the rate limit first."""
    result = certificates.verify_certificate_code(serial)
    application = result.application
    holder = application is not None and may_see_holder(actor, application, result.valid)
    if application is not None and holder:
        certificate_holder_viewed(actor=actor, application=application, context=context)
    return result, holder
