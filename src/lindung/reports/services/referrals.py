"""Referrals between agencies, after Primero's transitions: requested -> accepted, rejected
(with a reason) or revoked (by the referring side, with a reason). Every move is a
ReferralTransition row; the basis for sharing the person's data is recorded up front."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import audit
from lindung.core.access import can
from lindung.core.access import require
from lindung.core.choices import AuditAction
from lindung.core.choices import OutboxChannel
from lindung.core.models import OutboxMessage
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import Role
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.reports.access import is_receiver
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import ConsentBasis
from lindung.reports.choices import ReferralReason
from lindung.reports.choices import ReferralService
from lindung.reports.choices import ReferralStatus
from lindung.reports.choices import ReportStatus
from lindung.reports.models import Case
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.models import ReferralTransition
from lindung.reports.services.intake import clean_text


def _transition(referral: Referral, actor: User, from_status: str, note: str = "") -> None:
    ReferralTransition.objects.create(referral=referral, from_status=from_status,
                                      to_status=referral.status, note=note, created_by=actor,
                                      updated_by=actor)


@transaction.atomic
def referral_request(*, actor: User, report: PublicReport, to_agency: Agency, service: str,
                     consent_basis: str, consent_note: str = "",
                     reason: str = ReferralReason.ADDITIONAL_SERVICES, details: str = "",
                     to_site: Site | None = None, case: Case | None = None) -> Referral:
    require(actor, CHANGE, report)
    if report.status not in OPEN_STATUSES or report.status == ReportStatus.RECEIVED:
        raise ValidationError(_("Hanya laporan terverifikasi yang masih terbuka dapat dirujuk"))
    if service not in ReferralService.values:
        raise ValidationError({"service": _("Layanan tidak dikenal")})
    if consent_basis not in ConsentBasis.values:
        raise ValidationError({"consent_basis": _("Catat dasar berbagi data")})
    if reason not in ReferralReason.values:
        raise ValidationError({"reason": _("Alasan tidak dikenal")})
    if actor.agency_id and to_agency.pk == actor.agency_id:
        raise ValidationError({"to_agency": _("Tidak dapat merujuk ke instansi sendiri")})
    if to_site is not None and to_site.agency_id not in (None, to_agency.pk):
        raise ValidationError({"to_site": _("Lokasi ini bukan milik instansi tujuan")})
    if case is not None and case.report_id != report.pk:
        raise ValidationError({"case": _("Kasus ini bukan dari laporan ini")})
    if Referral.objects.filter(report=report, to_agency=to_agency, service=service,
                               status__in=[ReferralStatus.REQUESTED,
                                           ReferralStatus.ACCEPTED]).exists():
        raise ValidationError({"to_agency": _("Rujukan yang sama masih berjalan")})
    referral = Referral(report=report, case=case, region_code=report.region_code,
                        from_agency=actor.agency, to_agency=to_agency, to_site=to_site,
                        service=service, reason=reason, details=clean_text(details, 2000),
                        consent_basis=consent_basis,
                        consent_note=clean_text(consent_note, 300),
                        created_by=actor, updated_by=actor)
    require(actor, CREATE, referral)
    referral.full_clean()
    referral.save()
    _transition(referral, actor, "")
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=referral,
                        region_code=referral.region_code,
                        detail={"to_agency": to_agency.code, "service": service,
                                "consent_basis": consent_basis})
    if to_agency.email:
        # No personal data in the mail: the receiving officer opens the referral in Lindung.
        OutboxMessage.objects.create(
            channel=OutboxChannel.EMAIL, recipient=to_agency.email,
            subject="Rujukan baru dari Lindung / New referral from Lindung",
            body=(f"Instansi Anda menerima rujukan baru ({referral.get_service_display()}). "
                  f"Buka: {reverse('reports:referral_detail', args=[referral.pk])}\n"
                  "Your agency has received a new referral; open it in Lindung."),
            created_by=actor)
    return referral


def _may_respond(actor: User, referral: Referral) -> bool:
    return is_receiver(actor, referral) or actor.role == Role.ADMIN


@transaction.atomic
def referral_respond(*, actor: User, referral: Referral, accept: bool,
                     note: str = "") -> Referral:
    """The receiving agency accepts, or rejects with a reason."""
    require(actor, CHANGE, referral)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not _may_respond(actor, referral):
        raise PermissionDenied(_("Hanya instansi tujuan yang dapat menjawab rujukan"))
    if referral.status != ReferralStatus.REQUESTED:
        raise ValidationError(_("Rujukan ini sudah %(status)s")
                              % {"status": referral.get_status_display()})
    note = clean_text(note, 500)
    if not accept and not note:
        raise ValidationError({"note": _("Tulis alasan penolakan")})
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.REJECTED
    referral.responded_at = timezone.now()
    referral.responded_by = actor
    referral.response_note = note
    referral.updated_by = actor
    referral.save()
    _transition(referral, actor, ReferralStatus.REQUESTED, note)
    audit.record_object(actor=actor, action=AuditAction.DECIDE, obj=referral,
                        region_code=referral.region_code,
                        detail={"status": referral.status})
    return referral


@transaction.atomic
def referral_revoke(*, actor: User, referral: Referral, note: str) -> Referral:
    """The referring side withdraws a referral that is requested or accepted."""
    require(actor, CHANGE, referral)
    referral = Referral.objects.select_for_update().select_related("report").get(pk=referral.pk)
    if not can(actor, CHANGE, referral.report):
        raise PermissionDenied(_("Hanya pihak perujuk yang dapat membatalkan rujukan"))
    if referral.status not in (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED):
        raise ValidationError(_("Rujukan ini sudah %(status)s")
                              % {"status": referral.get_status_display()})
    note = clean_text(note, 500)
    if not note:
        raise ValidationError({"note": _("Tulis alasan pembatalan")})
    from_status = referral.status
    referral.status = ReferralStatus.REVOKED
    referral.response_note = note
    referral.updated_by = actor
    referral.save()
    _transition(referral, actor, from_status, note)
    audit.record_object(actor=actor, action=AuditAction.DECIDE, obj=referral,
                        region_code=referral.region_code, detail={"status": referral.status})
    return referral


def referral_viewed(*, actor: User, referral: Referral) -> None:
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=referral,
                        region_code=referral.region_code, detail={"context": "page"})
