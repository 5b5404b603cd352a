"""A centre's contacts: the address and phone the applicant's receipt names. The reference
data has none (the seed lists the centres, not their contacts, and none is invented); the
coordinator of the centre's region, or an administrator, writes them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa.access import may_change_centre

CONTACT_FIELDS = ("address", "phone", "email")


@transaction.atomic
def centre_contacts_set(*, actor: User, centre: Site, address: str, phone: str,
                        email: str = "") -> Site:
    """Set a centre's contacts (empty: not known); audited with the fields that changed."""
    if centre.kind != SiteKind.LTSA_CENTRE or not may_change_centre(actor, centre):
        raise PermissionDenied(_("Akses ditolak"))
    before = {name: getattr(centre, name) for name in CONTACT_FIELDS}
    centre.address, centre.phone = address.strip()[:300], phone.strip()[:64]
    centre.email = email.strip()
    centre.updated_by = actor
    centre.full_clean()
    centre.save(update_fields=[*CONTACT_FIELDS, "updated_by", "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=centre,
                        region_code=centre.region_code,
                        detail={"fields": audit.changed_fields(
                            before, {name: getattr(centre, name) for name in CONTACT_FIELDS})})
    return centre
