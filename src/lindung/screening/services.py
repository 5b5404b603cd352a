"""Writes of the screening: manifests (all or nothing), their screening, alerts.

A manifest is accepted only when every row is valid (``lindung.screening.manifest`` makes the
per-row report); up to :data:`SYNC_LIMIT` passengers are screened at once, in the request,
in the same transaction. Larger manifests are kept encrypted in the media storage and
screened by a Huey task chunk by chunk (:data:`CHUNK` passengers per transaction: their
verdicts, alerts and the progress together), so a run stopped half-way resumes where it
stopped and nothing is ever half-written. Alerts notify the staff of the embarkation point
through the outbox (e-mail and SMS, no personal data in the message).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import multiprocessing
import multiprocessing.connection
import uuid
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import asdict
from multiprocessing.sharedctypes import Synchronized
from typing import Any
from typing import Final

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import connections
from django.db import transaction
from django.db.models import F
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common import stored_text
from lindung.common.processes import worker_processes
from lindung.core import access
from lindung.core import audit
from lindung.core import crypto
from lindung.core.bulk import Inserter
from lindung.core.bulk import uuids
from lindung.core.choices import AuditAction
from lindung.core.choices import JobStatus
from lindung.core.choices import OutboxChannel
from lindung.core.models import BackgroundJob
from lindung.core.models import OutboxMessage
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.matching import bulk_work
from lindung.matching.normalize import normalize_name
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.people.services import person_create
from lindung.people.services import registering_site
from lindung.people.services import watchlist_entry_merge
from lindung.prevention.services import prevented_departure_record
from lindung.regions.nik import parse_nik
from lindung.screening.choices import AlertResolution
from lindung.screening.choices import AlertStatus
from lindung.screening.choices import Journey
from lindung.screening.choices import ManifestSource
from lindung.screening.choices import ManifestStatus
from lindung.screening.choices import Verdict
from lindung.screening.manifest import Passenger
from lindung.screening.models import Alert
from lindung.screening.models import AlertHit
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest
from lindung.screening.verdicts import Screening
from lindung.screening.verdicts import companion_keys
from lindung.screening.verdicts import journey_kind
from lindung.screening.verdicts import screen

log = logging.getLogger("lindung.screening")

#: Manifests up to this size are screened in the request; larger ones in the background.
SYNC_LIMIT: Final = 200
#: Passengers screened and written per transaction in the background.
CHUNK: Final = 500
JOB_KIND: Final = "screening.manifest"
DEPARTURE_WINDOW: Final = dt.timedelta(days=366)

Progress = Callable[[int, int], None]


def screening_sites(user: User) -> QuerySet[Site]:
    """The embarkation points where the user may screen: the officer's own post, else every
    point in the user's scope."""
    sites = Site.objects.filter(kind=SiteKind.EMBARKATION_POINT)
    if user.role == Role.TASKFORCE_OFFICER and user.site_id:
        return sites.filter(pk=user.site_id)
    return sites.filter(access.area_of(user).q("region_code")).order_by("name")


def _check_site(actor: User, site: Site, manifest: ScreeningManifest) -> None:
    if site.kind != SiteKind.EMBARKATION_POINT:
        raise ValidationError({"site": _("Pilih titik embarkasi/debarkasi")})
    if not access.can(actor, CREATE, ScreeningManifest):
        raise PermissionDenied(_("Akses ditolak"))
    if not access.can(actor, CREATE, manifest) or (
            actor.role == Role.TASKFORCE_OFFICER and actor.site_id
            and actor.site_id != site.pk):
        raise ValidationError({"site": _("Titik embarkasi di luar tugas Anda")})


def _dump(passengers: Sequence[Passenger]) -> bytes:
    rows = [{**asdict(p), "birth_date": p.birth_date.isoformat() if p.birth_date else None}
            for p in passengers]
    return json.dumps(rows, separators=(",", ":")).encode()


def _load(manifest: ScreeningManifest) -> list[Passenger]:
    with manifest.file.open("rb") as handle:
        blob = handle.read()
    # Sealed by the kernel (common/sealed.py); a manifest queued before it, as a Fernet token.
    data = sealed.unseal(blob) if sealed.is_sealed(blob) else crypto.decrypt(blob.decode())
    rows = json.loads(data)
    return [Passenger(**{**row, "birth_date": dt.date.fromisoformat(row["birth_date"])
                         if row["birth_date"] else None}) for row in rows]


@transaction.atomic
def manifest_submit(*, actor: User, site: Site, departure_date: dt.date,
                    passengers: Sequence[Passenger], source: str = ManifestSource.UPLOAD,
                    file_name: str = "", reference: str = "",
                    journey: str = Journey.INTERNATIONAL, destination: str = "",
                    synthetic: bool = False) -> ScreeningManifest:
    """Accept a validated manifest and screen it (now, or in the background when large).
    ``journey``: international, transit or domestic; a domestic leg whose ``destination``
    is a known transit point (the rule book's list) is screened as "transit"."""
    if source not in ManifestSource.values:
        raise ValidationError({"source": _("Sumber tidak dikenal")})
    if journey not in Journey.values:
        raise ValidationError({"journey": _("Jenis perjalanan tidak dikenal (international, "
                                            "transit, domestic)")})
    destination = " ".join(destination.split())[:100]
    if not passengers:
        raise ValidationError({"passengers": _("Manifes tidak berisi penumpang")})
    if abs(departure_date - timezone.localdate()) > DEPARTURE_WINDOW:
        raise ValidationError({"departure_date": (
            _("Tanggal keberangkatan lebih dari setahun dari hari ini"))})
    manifest = ScreeningManifest(
        site=site, region_code=site.region_code, source=source, reference=reference[:100],
        journey=journey_kind(journey, destination), destination=destination,
        departure_date=departure_date, file_name=file_name[:200], rows=len(passengers),
        synthetic=synthetic, created_by=actor, updated_by=actor)
    _check_site(actor, site, manifest)
    manifest.full_clean(exclude=["file", "job"])
    manifest.save()
    background = len(passengers) > SYNC_LIMIT
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=manifest,
                        region_code=manifest.region_code,
                        detail={"rows": len(passengers), "source": source,
                                "background": background})
    if not background:
        manifest.status = ManifestStatus.RUNNING
        _screen_chunk(manifest, list(passengers))
        manifest.status = ManifestStatus.DONE
        manifest.save(update_fields=["status", "updated_at"])
        manifest.refresh_from_db()
        return manifest
    job = BackgroundJob.objects.create(kind=JOB_KIND, total=len(passengers),
                                       region_code=manifest.region_code,
                                       params={"manifest": str(manifest.pk)},
                                       created_by=actor, updated_by=actor,
                                       message=gettext_noop("Menunggu"))
    manifest.job = job
    sealed.store(manifest.file, _dump(passengers))
    manifest.save(update_fields=["job", "file", "updated_at"])

    def enqueue() -> None:
        from lindung.screening.tasks import manifest_screen_task

        manifest_screen_task(str(manifest.pk))

    transaction.on_commit(enqueue)
    return manifest


def default_processes() -> int:
    """Worker processes for a large manifest (settings.SCREENING_PROCESSES)."""
    return worker_processes("SCREENING_PROCESSES")


def _run_chunks(manifest: ScreeningManifest, chunks: Iterable[list[Passenger]],
                companions: frozenset[str], progress: Callable[[int], None] | None = None
                ) -> None:
    """Each chunk: verdicts first (reads only), then one short transaction that writes them
    (SQLite has one writer at a time: a transaction must not wait on the matching)."""
    for chunk in chunks:
        results = screen(chunk, departure_date=manifest.departure_date,
                         journey=manifest.journey, companions=companions)
        with transaction.atomic():
            _screen_chunk(manifest, chunk, results)
            if manifest.job_id:
                BackgroundJob.objects.filter(pk=manifest.job_id).update(
                    done=F("done") + len(chunk), updated_at=timezone.now())
        if progress is not None:
            progress(len(chunk))


def _claimed(chunks: Sequence[list[Passenger]],
             counter: Synchronized[int]) -> Iterator[list[Passenger]]:
    """The chunks one worker takes, one at a time from a counter shared with the others: a
    worker whose chunks went faster takes more, so that none waits on the slowest."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(chunks):
            return
        yield chunks[index]


def _child(manifest_id: uuid.UUID, chunks: Sequence[list[Passenger]],
           counter: Synchronized[int], companions: frozenset[str]) -> None:
    """A forked worker: its own database connection, the chunks it claims."""
    try:
        _run_chunks(ScreeningManifest.objects.get(pk=manifest_id), _claimed(chunks, counter),
                    companions)
    finally:
        connections.close_all()


def _run_forked(manifest: ScreeningManifest, chunks: list[list[Passenger]], processes: int,
                progress: Progress | None, total: int, companions: frozenset[str]) -> None:
    """Chunks shared among forked processes (each chunk still one transaction)."""
    connections.close_all()  # the children must open their own connections
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    children = [context.Process(target=_child, args=(manifest.pk, chunks, counter, companions))
                for _share in range(processes)]
    for child in children:
        child.start()
    running = {child.sentinel for child in children}
    while running:
        # Woken as soon as a child ends (not at the next half second), else every half
        # second to report progress.
        running -= set(multiprocessing.connection.wait(list(running), timeout=0.5))
        if running and progress is not None:
            screened = ScreeningManifest.objects.filter(pk=manifest.pk).values_list(
                "screened", flat=True).first()
            progress(screened or 0, total)
    for child in children:
        child.join()
    if any(child.exitcode != 0 for child in children):
        raise RuntimeError("A screening worker process failed")


def manifest_screen_run(*, manifest: ScreeningManifest, progress: Progress | None = None,
                        processes: int | None = None) -> ScreeningManifest:
    """Screen a queued manifest chunk by chunk (resumes after the last committed chunk), in
    ``processes`` forked processes when it has several chunks."""
    manifest.refresh_from_db()
    if manifest.status == ManifestStatus.DONE:
        return manifest
    passengers = _load(manifest)
    done = set(ScreenedPassenger.objects.filter(manifest=manifest)
               .values_list("row_number", flat=True))
    todo = [passenger for passenger in passengers if passenger.row not in done]
    now = timezone.now()
    ScreeningManifest.objects.filter(pk=manifest.pk).update(status=ManifestStatus.RUNNING,
                                                            updated_at=now)
    if manifest.job_id:
        BackgroundJob.objects.filter(pk=manifest.job_id).update(
            status=JobStatus.RUNNING, started_at=now, done=len(done),
            message=gettext_noop("Memeriksa"), updated_at=now)
    chunks = [todo[start:start + CHUNK] for start in range(0, len(todo), CHUNK)]
    companions = companion_keys(passengers)
    processes = min(processes or default_processes(), len(chunks))
    with bulk_work():
        if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
            _run_forked(manifest, chunks, processes, progress, len(passengers), companions)
        else:
            screened = len(done)

            def advance(count: int) -> None:
                nonlocal screened
                screened += count
                if progress is not None:
                    progress(screened, len(passengers))

            _run_chunks(manifest, chunks, companions, advance)
    finished = timezone.now()
    ScreeningManifest.objects.filter(pk=manifest.pk).update(status=ManifestStatus.DONE,
                                                            updated_at=finished)
    if manifest.job_id:
        manifest.refresh_from_db()
        BackgroundJob.objects.filter(pk=manifest.job_id).update(
            status=JobStatus.DONE, finished_at=finished, done=len(passengers),
            message=gettext_noop("Selesai"), updated_at=finished,
            result={"clear": manifest.clear_count, "check": manifest.check_count,
                    "stop": manifest.stop_count})
    if progress is not None:
        progress(len(passengers), len(passengers))
    sealed.discard(manifest.file)
    manifest.save(update_fields=["file", "updated_at"])
    manifest.refresh_from_db()
    return manifest


def manifest_screen_fail(manifest_id: str, error: BaseException) -> None:
    manifest = ScreeningManifest.objects.filter(pk=manifest_id).first()
    if manifest is None:
        return
    ScreeningManifest.objects.filter(pk=manifest.pk).update(status=ManifestStatus.FAILED)
    if manifest.job_id:
        BackgroundJob.objects.filter(pk=manifest.job_id).update(
            status=JobStatus.FAILED, finished_at=timezone.now(),
            message=stored_text.keep(gettext_noop("Gagal: %(error)s"),
                                     error=type(error).__name__)[:300])


def alert_subject(passenger: Passenger, result: Screening) -> str:
    """Who an alert is about at a point (see ``Alert.subject``): the registered person, else
    a blind index of the NIK, the passport, or the normalised name and birth date."""
    if result.person_id is not None:
        return f"person:{result.person_id}"
    if passenger.nik:
        return "nik:" + crypto.blind_index("nik", passenger.nik)
    if passenger.passport:
        return "passport:" + crypto.blind_index("passport", passenger.passport)
    return "name:" + crypto.blind_index(
        "screening-name", f"{normalize_name(passenger.name)}|{passenger.birth_date or ''}")


def _screen_chunk(manifest: ScreeningManifest, passengers: list[Passenger],
                  results: list[Screening] | None = None) -> None:
    """Screen passengers (unless ``results`` are given) and write them, their alerts and the
    counters (in the caller's transaction)."""
    if results is None:
        results = screen(passengers, departure_date=manifest.departure_date,
                         journey=manifest.journey)
    rows: list[tuple[Any, ...]] = []
    hits: dict[str, list[tuple[uuid.UUID, Screening]]] = {}
    counts = {Verdict.CLEAR: 0, Verdict.CHECK: 0, Verdict.STOP: 0}
    for row_id, passenger, result in zip(uuids(len(passengers)), passengers, results,
                                         strict=True):
        rows.append(_passenger_row(row_id, passenger, result))
        counts[Verdict(result.verdict)] += 1
        if result.alert:
            hits.setdefault(alert_subject(passenger, result), []).append((row_id, result))
    now = timezone.now()
    _passenger_inserter().insert(rows, fixed={
        "manifest_id": manifest.pk, "region_code": manifest.region_code,
        "created_by_id": manifest.created_by_id, "updated_by_id": manifest.created_by_id,
        "created_at": now, "updated_at": now})
    created = _alerts_record(manifest, hits) if hits else 0
    ScreeningManifest.objects.filter(pk=manifest.pk).update(
        screened=F("screened") + len(rows), clear_count=F("clear_count") + counts[Verdict.CLEAR],
        check_count=F("check_count") + counts[Verdict.CHECK],
        stop_count=F("stop_count") + counts[Verdict.STOP], updated_at=timezone.now())
    if created:
        site_id = manifest.site_id
        stops = sum(1 for pairs in hits.values() if any(r.verdict == Verdict.STOP
                                                        for _row, r in pairs))
        transaction.on_commit(lambda: alerts_notify(site_id=site_id, manifest_id=manifest.pk,
                                                    count=created, stops=stops))


def _alert_reasons(result: Screening) -> list[dict[str, Any]]:
    return [reason for reason in result.reasons if reason["severity"] != "info"]


def _alerts_record(manifest: ScreeningManifest,
                   hits: dict[str, list[tuple[uuid.UUID, Screening]]]) -> int:
    """One open alert per subject and point: new subjects get an alert (inserted with
    ON CONFLICT DO NOTHING against the partial unique constraint, so concurrent workers
    cannot make two), then every hit is appended to the subject's open alert (locked for
    the rest of the transaction). Returns how many alerts are new."""
    now = timezone.now()
    subjects = sorted(hits)
    open_alerts = Alert.objects.filter(site_id=manifest.site_id, subject__in=subjects).exclude(
        status=AlertStatus.RESOLVED)
    existing = set(open_alerts.values_list("subject", flat=True))
    fresh = []
    for subject in subjects:
        if subject in existing:
            continue
        row_id, result = hits[subject][0]
        fresh.append(Alert(site_id=manifest.site_id, region_code=manifest.region_code,
                           manifest=manifest, passenger_id=row_id, subject=subject,
                           verdict=result.verdict, reasons=_alert_reasons(result),
                           hit_count=0, last_hit_at=now, created_by=manifest.created_by,
                           updated_by=manifest.created_by))
    Alert.objects.bulk_create(fresh, batch_size=CHUNK, ignore_conflicts=True)
    by_subject = {alert.subject: alert for alert in open_alerts.select_for_update()}
    created = sum(1 for alert in fresh if alert.subject in by_subject
                  and by_subject[alert.subject].pk == alert.pk)
    records: list[AlertHit] = []
    for subject, pairs in hits.items():
        alert = by_subject[subject]
        for row_id, result in pairs:
            records.append(AlertHit(alert=alert, passenger_id=row_id, manifest=manifest,
                                    verdict=result.verdict, reasons=_alert_reasons(result),
                                    created_at=now))
        stop = any(result.verdict == Verdict.STOP for _row, result in pairs)
        Alert.objects.filter(pk=alert.pk).update(
            hit_count=F("hit_count") + len(pairs), last_hit_at=now, updated_at=now,
            **({"verdict": Verdict.STOP} if stop else {}))
    AlertHit.objects.bulk_create(records, batch_size=CHUNK)
    audit.record(actor=manifest.created_by, action=AuditAction.CREATE,
                 entity="screening.alert", object_id=str(manifest.pk),
                 region_code=manifest.region_code,
                 detail={"alerts": created, "hits": len(records),
                         "stop": sum(1 for hit in records if hit.verdict == Verdict.STOP)})
    return created


#: What a screened passenger's row holds besides the manifest's values (``fixed`` of
#: :meth:`~lindung.core.bulk.Inserter.insert`), in the order of :func:`_passenger_row`.
_PASSENGER_COLUMNS: Final = (
    "id", "row_number", "name", "nik", "passport_number", "birth_date", "sex", "birth_place",
    "destination", "has_certificate", "verdict", "reasons", "person_id", "person_score",
    "application_id", "watchlist_hits", "age")


@functools.cache
def _passenger_inserter() -> Inserter:
    """The screened passengers' writer (what ``bulk_create`` writes, without the ORM's
    per-value overhead: a fifth of a manifest's CPU time)."""
    return Inserter(ScreenedPassenger, _PASSENGER_COLUMNS)


def _passenger_row(row_id: uuid.UUID, passenger: Passenger,
                   result: Screening) -> tuple[Any, ...]:
    return (row_id, passenger.row, passenger.name, passenger.nik, passenger.passport,
            passenger.birth_date, passenger.sex, passenger.birth_place, passenger.destination,
            bool(passenger.certificate), result.verdict, result.reasons, result.person_id,
            result.person_score, result.application_id, result.watchlist_hits, result.age)


def site_recipients(site: Site) -> list[tuple[str, str]]:
    """(channel, address) of the staff posted at the site, and of the site itself."""
    recipients: set[tuple[str, str]] = set()
    if site.email:
        recipients.add((OutboxChannel.EMAIL, site.email))
    staff = User.objects.filter(site=site, is_active=True, role__in=[
        Role.TASKFORCE_OFFICER, Role.COORDINATOR, Role.ADMIN])
    for email, phone in staff.values_list("email", "phone"):
        if email:
            recipients.add((OutboxChannel.EMAIL, email))
        if phone:
            recipients.add((OutboxChannel.SMS, phone))
    return sorted(recipients)


def alerts_notify(*, site_id: uuid.UUID, manifest_id: uuid.UUID, count: int,
                  stops: int) -> int:
    """Outbox messages to the point's staff about new alerts (counts and a link only: no
    personal data leaves the system by e-mail or SMS)."""
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return 0
    link = reverse("screening:alerts") + f"?manifest={manifest_id}"
    subject = f"Lindung: {count} peringatan penyaringan di {site.name}"[:200]
    body = (f"{count} peringatan baru di {site.name} ({stops} cegah). Buka Lindung: {link}\n"
            f"{count} new screening alert(s) at {site.name_en or site.name} ({stops} stop). "
            f"Open Lindung: {link}")
    messages = [OutboxMessage(channel=channel, recipient=address[:254],
                              subject=subject if channel == OutboxChannel.EMAIL else "",
                              body=body if channel == OutboxChannel.EMAIL else body[:300])
                for channel, address in site_recipients(site)]
    OutboxMessage.objects.bulk_create(messages)
    return len(messages)


# ---------------------------------------------------------------------------------------------
# Reads that are audited, and alerts


def passenger_viewed(*, actor: User, passenger: ScreenedPassenger, context: str = "page") -> None:
    access.require(actor, VIEW, passenger)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=passenger,
                        region_code=passenger.region_code, detail={"context": context})


def manifest_viewed(*, actor: User, manifest: ScreeningManifest, context: str = "page") -> None:
    """Reading a manifest's passengers is a read of person-level records."""
    access.require(actor, VIEW, manifest)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=manifest,
                        region_code=manifest.region_code, detail={"context": context})


@transaction.atomic
def alert_acknowledge(*, actor: User, alert: Alert) -> Alert:
    access.require(actor, CHANGE, alert)
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.OPEN:
        return alert
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_by, alert.acknowledged_at = actor, timezone.now()
    alert.updated_by = actor
    alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "updated_by",
                              "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=alert,
                        region_code=alert.region_code, detail={"fields": ["status"],
                                                               "status": alert.status})
    return alert


@transaction.atomic
def alert_resolve(*, actor: User, alert: Alert, resolution: str, note: str = "",
                  prevention: dict[str, Any] | None = None) -> Alert:
    """Close an alert. ``resolution`` "prevented_departure" records the prevented departure
    (``prevention``: destination_country, reason, outcome, and optionally recruiter_name,
    recruiter_phone, reason_note; for an unidentified passenger whom the screening found
    possibly registered, ``person``: one of :func:`possible_people` or :data:`NEW_PERSON`)
    through the prevention module, linked by the alert id."""
    access.require(actor, CHANGE, alert)
    alert = Alert.objects.select_for_update().select_related("passenger", "site").get(
        pk=alert.pk)
    if alert.status == AlertStatus.RESOLVED:
        raise ValidationError({"status": _("Peringatan ini sudah selesai")})
    if resolution not in AlertResolution.values:
        raise ValidationError({"resolution": _("Penyelesaian tidak dikenal")})
    if resolution == AlertResolution.PREVENTED_DEPARTURE:
        alert.prevented_departure_id = _record_prevention(actor, alert, prevention or {})
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_by, alert.acknowledged_at = actor, now
    alert.status = AlertStatus.RESOLVED
    alert.resolution, alert.resolution_note = resolution, note.strip()[:500]
    alert.resolved_by, alert.resolved_at, alert.updated_by = actor, now, actor
    alert.full_clean(exclude=["passenger"])
    alert.save()
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=alert,
                        region_code=alert.region_code,
                        detail={"fields": ["status", "resolution"], "resolution": resolution,
                                "prevented_departure": str(alert.prevented_departure_id or "")})
    return alert


#: ``prevention["person"]`` when the officer says that an unidentified passenger is
#: someone new, not the registered person the screening found possible.
NEW_PERSON: Final = "new"


def possible_people(passenger: ScreenedPassenger) -> list[tuple[str, float]]:
    """The registered people the screening found possibly the same as an unidentified
    passenger (id, score 0..1), best first: the possible match, or every close candidate of
    an ambiguous identity; none once the passenger is identified."""
    if passenger.person_id is not None:
        return []
    found: list[tuple[str, float]] = []
    for reason in passenger.reasons:
        if reason.get("code") == "identity_uncertain" and reason.get("person_id"):
            found.append((str(reason["person_id"]), float(reason.get("score") or 0.0)))
        elif reason.get("code") == "identity_ambiguous":
            found.extend((str(candidate["person_id"]), float(candidate.get("score") or 0.0))
                         for candidate in reason.get("candidates") or [])
    return found


def _possible_person_chosen(passenger: ScreenedPassenger, choice: str) -> Any:
    """Search before create, for the prevented departure of an unidentified passenger: the
    person the officer chose among the screening's possible matches, or None for someone
    new. Choosing is required when there are possible matches."""

    possible = [pk for pk, _score in possible_people(passenger)]
    if choice == NEW_PERSON or (not possible and not choice):
        return None
    if not choice:
        raise ValidationError({"person": (
            _("Pemeriksaan menemukan orang terdaftar yang mungkin sama: pilih orang itu, atau "
              "nyatakan orang baru"))})
    if choice not in possible:
        raise ValidationError({"person": (
            _("Orang ini bukan yang ditemukan pemeriksaan"))})
    return Person.objects.get(pk=choice)


def _record_prevention(actor: User, alert: Alert, prevention: dict[str, Any]) -> uuid.UUID:
    """The prevented departure, through the prevention module (imported here: the two
    modules link by id), for the passenger's registry record (registered now if needed).

    The officer resolving the alert acts for the point: a passenger often lives outside the
    officer's region. An officer posted at the point registers the person there (they stay
    visible at the point, see lindung.core.access); for anyone else, when the person is
    outside their area the record is made by the system on their behalf (the alert's audit
    row names the officer)."""
    if actor.agency is None:
        raise ValidationError({"resolution": _("Akun Anda tidak terkait instansi")})
    passenger = alert.passenger
    person = passenger.person or _possible_person_chosen(passenger, str(
        prevention.get("person") or "").strip())
    if person is None:
        region = parse_nik(passenger.nik).district_code if passenger.nik else ""
        # An officer posted at the point registers the passenger there (registration is not
        # residence: the person stays visible at the point); others within their area.
        probe = Person(region_code=region, registered_at_site=registering_site(actor))
        creator = actor if access.can(actor, CREATE, probe) else None
        person = person_create(actor=creator, name=passenger.name, nik=passenger.nik,
                               birth_date=passenger.birth_date, sex=passenger.sex,
                               birth_place=passenger.birth_place,
                               passport_number=passenger.passport_number,
                               synthetic=alert.manifest.synthetic)
    if passenger.person_id != person.pk:
        ScreenedPassenger.objects.filter(pk=passenger.pk).update(person=person)
    recorder = actor if access.can(actor, VIEW, person) else None
    departure = prevented_departure_record(
        actor=recorder, site=alert.site,
        date=min(timezone.localdate(), alert.manifest.departure_date),
        people=[person], destination_country=str(prevention.get("destination_country", "")),
        reason=str(prevention.get("reason", "")), acting_agency=actor.agency,
        outcome=str(prevention.get("outcome", "")),
        recruiter_name=str(prevention.get("recruiter_name", "")),
        recruiter_phone=str(prevention.get("recruiter_phone", "")),
        reason_note=str(prevention.get("reason_note", "")), alert_id=alert.pk,
        synthetic=alert.manifest.synthetic)
    return uuid.UUID(str(departure.pk))


# ---------------------------------------------------------------------------------------------
# The watchlist at the point: merging duplicates moves the screening hits along


def _mentions(ids: Sequence[str], field: str) -> tuple[dict[str, Cast], Q]:
    """An annotation and a condition for rows whose JSON ``field`` names any of ``ids``
    (the entry ids of watchlist hits), on SQLite and PostgreSQL alike."""
    condition = Q()
    for value in ids:
        condition |= Q(**{f"{field}_text__contains": value})
    return {f"{field}_text": Cast(field, output_field=TextField())}, condition


def entry_hits(user: User, entries: Sequence[str]) -> QuerySet[ScreenedPassenger]:
    """The screened passengers the user may see whose watchlist hits name one of
    ``entries``, newest first."""
    annotation, condition = _mentions(entries, "watchlist_hits")
    return (access.visible(user, ScreenedPassenger.objects.select_related("manifest__site",
                                                                           "alert_hit"))
            .annotate(**annotation).filter(condition).order_by("-created_at", "id"))


def _rewrite(value: Any, moves: dict[str, str]) -> Any:
    text = json.dumps(value)
    for old, new in moves.items():
        text = text.replace(old, new)
    return json.loads(text)


@transaction.atomic
def watchlist_merge(*, actor: User, survivor: WatchlistEntry,
                    others: Sequence[WatchlistEntry]) -> list[WatchlistEntry]:
    """Merge duplicate watchlist entries (``people.services.watchlist_entry_merge``) and move
    every screening hit and alert reason that names a merged entry to the survivor, in the
    same transaction; the count of moved rows is in the audit row."""

    merged = watchlist_entry_merge(actor=actor, survivor=survivor, others=others)
    moves = {str(entry.pk): str(survivor.pk) for entry in merged}
    moved = 0
    tables: list[tuple[QuerySet[Any], str]] = [
        (ScreenedPassenger.objects.all(), "watchlist_hits"),
        (ScreenedPassenger.objects.all(), "reasons"), (Alert.objects.all(), "reasons"),
        (AlertHit.objects.all(), "reasons")]
    for rows_of, field in tables:
        annotation, condition = _mentions(list(moves), field)
        rows = list(rows_of.annotate(**annotation).filter(condition))
        for row in rows:
            setattr(row, field, _rewrite(getattr(row, field), moves))
        rows_of.model.objects.bulk_update(rows, [field], batch_size=500)
        moved += len(rows)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=survivor,
                        region_code=survivor.region_code,
                        detail={"fields": ["screening_hits"], "moved": moved})
    return merged
