"""The verdict for each passenger: clear, check or stop, with reasons and record links.

Per chunk of passengers, in a fixed number of queries whatever the chunk size:

* who is it? the registry's best match (lindung.people.matching.match_people);
* on the watchlist? active entries like the passenger (recruiter, suspect, missing person,
  earlier prevented departure: match_watchlist);
* a procedural worker? the LTSA's ``procedural_status`` of the people identified, or the
  ready-to-depart certificate the passenger shows (``verify_certificate_token``);
* a minor? under 18 on the departure date (UU 18/2017 art. 5).

Rules: any *stop* reason makes the verdict stop, else any *check* reason makes it check, else
clear. Stop: a watchlist match; a minor; an invalid certificate, or one that belongs to
someone else; an application whose job order is not valid or whose agency is not licensed.
Check: a possible watchlist match; no registered person, or only a possible one; no active
application or one not ready to depart; age unknown; the procedural status unknown (the LTSA
module not available). Reason texts are Indonesian / English; ids link the records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from lindung.matching.score import make_record, score_records
from lindung.people.matching import Hit, Probe, WatchlistHit, match_people, match_watchlist
from lindung.people.models import Person, WatchlistKind
from lindung.screening.manifest import Passenger

ADULT_AGE: Final = 18
STOP: Final = "stop"
CHECK: Final = "check"
INFO: Final = "info"

_KIND_TEXT: Final = {
    WatchlistKind.RECRUITER: ("perekrut/calo yang dilaporkan", "reported recruiter/broker"),
    WatchlistKind.SUSPECT: ("tersangka dalam kasus", "suspect in a case"),
    WatchlistKind.MISSING_PERSON: ("orang yang dilaporkan hilang", "reported missing person"),
    WatchlistKind.PREVENTED_DEPARTURE: ("pernah dicegah berangkat",
                                        "earlier prevented departure"),
}


@dataclass
class Screening:
    """The outcome for one passenger."""

    verdict: str
    reasons: list[dict[str, Any]]
    person_id: uuid.UUID | None = None
    person_score: float | None = None
    application_id: uuid.UUID | None = None
    watchlist_hits: list[dict[str, Any]] = field(default_factory=list)
    age: int | None = None

    @property
    def alert(self) -> bool:
        """Whether the agencies at the point must be alerted (a stop, or a watchlist hit)."""
        return self.verdict == STOP or bool(self.watchlist_hits)


def _reason(code: str, severity: str, indonesian: str, english: str,
            **links: Any) -> dict[str, Any]:
    reason: dict[str, Any] = {"code": code, "severity": severity,
                              "text": f"{indonesian} / {english}"}
    reason.update({key: str(value) if isinstance(value, uuid.UUID) else value
                   for key, value in links.items() if value is not None})
    return reason


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _procedural(person_ids: list[uuid.UUID], on: dt.date) -> dict[uuid.UUID, Any] | None:
    """The LTSA's procedural status, or None when the LTSA module is not available."""
    try:
        from lindung.ltsa.selectors import procedural_status
    except ImportError:
        return None
    if not person_ids:
        return {}
    result: dict[uuid.UUID, Any] = procedural_status(person_ids, on=on)
    return result


def _certificate(token: str, on: dt.date) -> Any | None:
    try:
        from lindung.ltsa.certificates import verify_certificate_token
    except ImportError:
        return None
    return verify_certificate_token(token, on=on)


def _watchlist_reasons(hits: list[WatchlistHit]) -> tuple[list[dict[str, Any]],
                                                          list[dict[str, Any]]]:
    reasons, stored = [], []
    for hit in hits:
        indonesian, english = _KIND_TEXT.get(WatchlistKind(hit.kind), (hit.kind, hit.kind))
        percent = round(hit.score * 100)
        if hit.decision == "match":
            reasons.append(_reason("watchlist_match", STOP,
                                   f"Cocok dengan daftar pantau: {indonesian} ({percent}%)",
                                   f"Watchlist match: {english} ({percent}%)",
                                   entry_id=hit.entry_id, kind=hit.kind,
                                   person_id=hit.person_id))
        else:
            reasons.append(_reason("watchlist_possible", CHECK,
                                   f"Mungkin ada di daftar pantau: {indonesian} ({percent}%)",
                                   f"Possible watchlist match: {english} ({percent}%)",
                                   entry_id=hit.entry_id, kind=hit.kind,
                                   person_id=hit.person_id))
        stored.append({"entry_id": str(hit.entry_id), "kind": hit.kind,
                       "score": round(hit.score, 4), "decision": hit.decision,
                       "match": hit.result.reasons_as_dicts()})
    return reasons, stored


def _certificate_holder(passenger: Passenger, person_id: uuid.UUID) -> bool:
    """Whether the passenger is (possibly) the person a certificate was issued to."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return False
    result = score_records(
        make_record("", passenger.name, passenger.birth_date, passenger.birth_place,
                    passenger.sex, nik=passenger.nik or None, passport=passenger.passport),
        make_record(str(person.pk), person.name, person.birth_date, person.birth_place,
                    person.sex, nik=person.nik or None, passport=person.passport_number))
    return result.decision != "no_match"


def screen(passengers: Sequence[Passenger], *, departure_date: dt.date) -> list[Screening]:
    """The verdict of each passenger (see the module docstring)."""
    probes = [Probe(name=p.name, birth_date=p.birth_date, birth_place=p.birth_place, sex=p.sex,
                    nik=p.nik, passport=p.passport) for p in passengers]
    people = match_people(probes, limit=3)
    watch = match_watchlist(probes, limit=3)
    best: list[Hit | None] = [hits[0] if hits else None for hits in people]
    identified = sorted({hit.id for hit in best if hit is not None and hit.decision == "match"},
                        key=str)
    procedural = _procedural(identified, departure_date)
    births = dict(Person.objects.filter(pk__in=identified).values_list("pk", "birth_date"))
    return [_verdict(passenger, hit, hits, procedural, births, departure_date)
            for passenger, hit, hits in zip(passengers, best, watch, strict=True)]


def _verdict(passenger: Passenger, hit: Hit | None, watch_hits: list[WatchlistHit],
             procedural: dict[uuid.UUID, Any] | None, births: dict[uuid.UUID, dt.date | None],
             on: dt.date) -> Screening:
    reasons, stored = _watchlist_reasons(watch_hits)
    outcome = Screening(verdict="", reasons=reasons, watchlist_hits=stored)
    if hit is not None and hit.decision == "match":
        outcome.person_id, outcome.person_score = hit.id, hit.score
        reasons.append(_reason("registered", INFO,
                               f"Terdaftar di registri ({round(hit.score * 100)}%)",
                               f"Found in the registry ({round(hit.score * 100)}%)",
                               person_id=hit.id))
    elif hit is not None:
        reasons.append(_reason("identity_uncertain", CHECK,
                               f"Mungkin terdaftar ({round(hit.score * 100)}%): periksa "
                               "identitas",
                               f"Possibly registered ({round(hit.score * 100)}%): check the "
                               "identity", person_id=hit.id, score=round(hit.score, 4)))
    born = passenger.birth_date or (births.get(outcome.person_id) if outcome.person_id else None)
    if born is None:
        reasons.append(_reason("age_unknown", CHECK, "Umur tidak diketahui",
                               "Age unknown"))
    else:
        outcome.age = age_on(born, on)
        if outcome.age < ADULT_AGE:
            reasons.append(_reason("minor", STOP,
                                   f"Di bawah umur: {outcome.age} tahun pada tanggal berangkat",
                                   f"Minor: {outcome.age} years old on the departure date"))
    ready = False
    if passenger.certificate:
        ready = _certificate_reasons(passenger, outcome, on)
    if not ready:
        _procedural_reasons(outcome, procedural)
    stops = any(reason["severity"] == STOP for reason in reasons)
    checks = any(reason["severity"] == CHECK for reason in reasons)
    outcome.verdict = STOP if stops else (CHECK if checks else "clear")
    return outcome


def _certificate_reasons(passenger: Passenger, outcome: Screening, on: dt.date) -> bool:
    """Reasons from the certificate the passenger shows; True when it proves readiness."""
    check = _certificate(passenger.certificate, on)
    reasons = outcome.reasons
    if check is None:
        reasons.append(_reason("certificate_unknown", CHECK,
                               "Sertifikat tidak dapat diperiksa (modul LTSA tidak tersedia)",
                               "The certificate cannot be checked (LTSA module not available)"))
        return False
    if not check.valid:
        reasons.append(_reason("certificate_invalid", STOP, "Sertifikat tidak sah",
                               "Invalid certificate", detail=check.reason,
                               application_id=check.application_id))
        return False
    holder = check.person_id
    if outcome.person_id is not None and holder != outcome.person_id:
        reasons.append(_reason("certificate_other_person", STOP,
                               "Sertifikat milik orang lain", "The certificate belongs to "
                               "someone else", person_id=holder))
        return False
    if outcome.person_id is None and not _certificate_holder(passenger, holder):
        reasons.append(_reason("certificate_other_person", STOP,
                               "Data penumpang tidak cocok dengan pemegang sertifikat",
                               "The passenger does not match the certificate holder",
                               person_id=holder))
        return False
    outcome.person_id = holder
    outcome.application_id = check.application_id
    outcome.reasons = [reason for reason in reasons
                       if reason["code"] not in ("identity_uncertain",)]
    outcome.reasons.append(_reason("certificate_valid", INFO,
                                   "Sertifikat siap berangkat sah",
                                   "Valid ready-to-depart certificate",
                                   application_id=check.application_id, person_id=holder))
    return True


def _procedural_reasons(outcome: Screening, procedural: dict[uuid.UUID, Any] | None) -> None:
    reasons = outcome.reasons
    if procedural is None:
        reasons.append(_reason("procedural_unknown", CHECK,
                               "Status prosedural tidak diketahui (modul LTSA tidak tersedia)",
                               "Procedural status unknown (LTSA module not available)"))
        return
    if outcome.person_id is None:
        reasons.append(_reason("not_registered", CHECK,
                               "Tidak terdaftar sebagai calon PMI prosedural",
                               "Not registered as a procedural migrant worker"))
        return
    status = procedural.get(outcome.person_id)
    if status is None or status.application_id is None:
        reasons.append(_reason("no_application", CHECK,
                               "Tidak ada permohonan penempatan aktif di LTSA",
                               "No active placement application at an LTSA",
                               person_id=outcome.person_id))
        return
    outcome.application_id = status.application_id
    if not status.agency_licensed:
        reasons.append(_reason("agency_unlicensed", STOP, "P3MI tidak berizin",
                               "The placement agency is not licensed",
                               application_id=status.application_id))
    if not status.job_order_valid:
        reasons.append(_reason("job_order_invalid", STOP,
                               "Job order tidak berlaku (kedaluwarsa, dicabut atau penuh)",
                               "The job order is not valid (expired, revoked or full)",
                               application_id=status.application_id))
    if status.ready_to_depart:
        reasons.append(_reason("ready", INFO, "Berkas LTSA lengkap: siap berangkat",
                               "LTSA file complete: ready to depart",
                               application_id=status.application_id))
    elif status.agency_licensed and status.job_order_valid:
        missing = "; ".join(str(item) for item in status.missing)[:500]
        reasons.append(_reason("not_ready", CHECK, "Berkas LTSA belum lengkap",
                               "LTSA file not complete", detail=missing,
                               application_id=status.application_id))
