"""Writes of the prevention app: prevented departures and dissemination events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import stored_text
from lindung.common.countries import is_country
from lindung.common.stored_text import Both
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.choices import WatchlistKind
from lindung.people.models import Person
from lindung.people.services import watchlist_entry_add
from lindung.prevention.choices import PreventionOutcome
from lindung.prevention.choices import PreventionReason
from lindung.prevention.models import DisseminationEvent
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventedDeparturePerson
from lindung.prevention.tallies import contribution
from lindung.prevention.tallies import tally_apply
from lindung.regions.models import Region
from lindung.reports.models import Case
from lindung.reports.services.intake import clean_phone
from lindung.reports.services.intake import clean_text
from lindung.reports.services.intake import new_reference

DEPARTURE_ENTITY = "prevention.preventeddeparture"
ADULT_AGE = 18


def _check(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})


def _check_departure(*, site: Site, date: date, people: Sequence[Person],
                     destination_country: str, reason: str, outcome: str,
                     case: Case | None) -> None:
    _check(site.kind == SiteKind.EMBARKATION_POINT, "site",
           _("Pilih titik embarkasi/debarkasi"))
    _check(date <= timezone.localdate(), "date",
           _("Tanggal tidak boleh di masa depan"))
    _check(bool(people), "people", _("Catat sedikitnya satu orang"))
    _check(len({p.pk for p in people}) == len(people), "people",
           _("Orang yang sama tercatat dua kali"))
    _check(is_country(destination_country), "destination_country",
           _("Kode negara tujuan tidak dikenal"))
    _check(reason in PreventionReason.values, "reason", _("Alasan tidak dikenal"))
    _check(outcome in PreventionOutcome.values, "outcome",
           _("Tindak lanjut tidak dikenal"))
    _check(outcome != PreventionOutcome.CASE_OPENED or case is not None, "case",
           _("Tautkan kasus yang dibuka"))


def _check_actor_may_record(actor: User, departure: PreventedDeparture, *,
                            people: Sequence[Person], case: Case | None) -> None:
    """The officer may record at this point, and may see every person and the case."""
    if not access.can(actor, CREATE, PreventedDeparture):
        raise PermissionDenied(_("Akses ditolak"))
    _check(access.can(actor, CREATE, departure), "site",
           _("Titik embarkasi di luar lingkup kerja Anda"))
    _check(all(access.can(actor, VIEW, person) for person in people), "people",
           _("Orang di luar lingkup kerja Anda"))
    _check(case is None or access.can(actor, VIEW, case), "case",
           _("Kasus di luar lingkup kerja Anda"))


@transaction.atomic
def prevented_departure_record(*, actor: User | None, site: Site, date: date,
                               people: Sequence[Person], destination_country: str,
                               reason: str, acting_agency: Agency, outcome: str,
                               recruiter_name: str = "", alert_id: UUID | str | None = None,
                               recruiter_phone: str = "", reason_note: str = "",
                               case: Case | None = None, note: str = "",
                               synthetic: bool = False) -> PreventedDeparture:
    """Record people prevented from leaving at an embarkation point.

    Called from the task-force form and by the screening module when it resolves an alert
    (`alert_id`: one record per alert; a second call returns the first record). Every
    person goes on the watchlist as a prevented departure, the suspected recruiter as a
    recruiter."""
    if alert_id:
        existing = PreventedDeparture.objects.filter(screening_alert_id=alert_id).first()
        if existing is not None:
            return existing
    _check_departure(site=site, date=date, people=people,
                     destination_country=destination_country, reason=reason, outcome=outcome,
                     case=case)
    departure = PreventedDeparture(
        reference=new_reference("PD", PreventedDeparture), site=site,
        region_code=site.region_code, date=date, month=date.replace(day=1),
        destination_country=destination_country, reason=reason,
        reason_note=clean_text(reason_note, 300), acting_agency=acting_agency, outcome=outcome,
        recruiter_name=clean_text(recruiter_name, 200),
        recruiter_phone=clean_phone(recruiter_phone), people_count=len(people),
        minors_count=sum(1 for p in people if _is_minor(p, date)),
        screening_alert_id=alert_id or None, case=case, note=clean_text(note, 2000),
        synthetic=synthetic, created_by=actor, updated_by=actor)
    if actor is not None:
        _check_actor_may_record(actor, departure, people=people, case=case)
    departure.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            departure.save()
    except IntegrityError as exc:  # the same alert resolved twice at the same moment
        existing = PreventedDeparture.objects.filter(screening_alert_id=alert_id).first()
        if existing is None:
            raise
        raise ValidationError({"alert_id": _("Peringatan ini sudah dicatat")}) from exc
    PreventedDeparturePerson.objects.bulk_create(
        [PreventedDeparturePerson(departure=departure, person=p, is_minor=_is_minor(p, date))
         for p in people])
    tally_apply({}, contribution(departure))
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=departure,
                        region_code=departure.region_code,
                        detail={"site": str(site.pk), "reason": reason, "outcome": outcome,
                                "people": len(people), "alert": bool(alert_id)})
    for person in people:
        watchlist_entry_add(actor=actor, kind=WatchlistKind.PREVENTED_DEPARTURE,
                            name=person.name, person=person, source_entity=DEPARTURE_ENTITY,
                            source_id=str(departure.pk),
                            region_code=person.region_code or departure.region_code,
                            birth_date=person.birth_date,
                            # kept with its parameters, read in each reader's language
                            reason=stored_text.keep(
                                gettext_noop("Dicegah di %(site)s %(day)s"),
                                site=Both(site.name, site.name_en or site.name), day=date))
    if departure.recruiter_name:
        watchlist_entry_add(actor=actor, kind=WatchlistKind.RECRUITER,
                            name=departure.recruiter_name, source_entity=DEPARTURE_ENTITY,
                            source_id=str(departure.pk), region_code=departure.region_code,
                            phone=departure.recruiter_phone,
                            reason=f"Perekrut pada pencegahan {departure.reference}")
    return departure


def _is_minor(person: Person, day: date) -> bool:
    age = person.age_on(day)
    return age is not None and age < ADULT_AGE


def prevented_departure_viewed(*, actor: User, departure: PreventedDeparture) -> None:
    access.require(actor, VIEW, departure)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=departure,
                        region_code=departure.region_code, detail={"context": "page"})


@transaction.atomic
def dissemination_event_record(*, actor: User | None, date: date, region: Region, place: str,
                               agency: Agency, audience_size: int, topics: list[str],
                               site: Site | None = None, note: str = "",
                               synthetic: bool = False) -> DisseminationEvent:
    _check(date <= timezone.localdate(), "date",
           _("Tanggal tidak boleh di masa depan"))
    _check(0 < audience_size <= 100000, "audience_size",
           _("Jumlah peserta harus 1–100.000"))
    event = DisseminationEvent(date=date, month=date.replace(day=1), region=region,
                               region_code=region.code, place=clean_text(place, 200),
                               site=site, agency=agency, audience_size=audience_size,
                               topics=list(topics), note=clean_text(note, 2000),
                               synthetic=synthetic, created_by=actor, updated_by=actor)
    _check(bool(event.place), "place", _("Tempat wajib diisi"))
    if actor is not None:
        if not access.can(actor, CREATE, DisseminationEvent):
            raise PermissionDenied(_("Akses ditolak"))
        _check(access.can(actor, CREATE, event), "region",
               _("Wilayah di luar lingkup kerja Anda"))
    audit.save_recorded(event, actor=actor, action=AuditAction.CREATE,
                        detail={"topics": event.topics, "audience_size": audience_size})
    return event


def statistics_exported(*, actor: User, kind: str, fmt: str, filters: dict[str, Any]) -> None:
    audit.record(actor=actor, action=AuditAction.EXPORT, entity="prevention.statistics",
                 region_code=actor.scope_code, detail={"kind": kind, "format": fmt,
                                                       **filters})
