"""The screening with the LTSA module: procedural workers with complete files are clear; a
file not ready, an expired job order, a certificate that is not the passenger's are not."""

from __future__ import annotations

import datetime as dt
import importlib

from django.utils import translation

from lindung.directory.choices import Desk
from lindung.ltsa import certificates
from lindung.ltsa import services
from lindung.ltsa.choices import LicenceStatus
from lindung.screening.manifest import Passenger
from lindung.screening.models import reason_detail
from lindung.screening.verdicts import screen
from tests.fixtures.ltsa import LtsaWorld

BORN = dt.date(1998, 4, 12)


def _applicant(**fields: object) -> Passenger:
    values: dict[str, object] = {"name": "Yohana Bria Seran", "birth_date": BORN, "sex": "F",
                                 "birth_place": "Kupang"}
    values.update(fields)
    return Passenger(1, **values)  # type: ignore[arg-type]


def _codes(reasons: list[dict[str, object]]) -> set[object]:
    return {reason["code"] for reason in reasons}


def test_it_clears_a_procedural_worker_ready_to_depart(ltsa: LtsaWorld,
                                                       fixed_today: object) -> None:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    [result] = screen([_applicant(name="YOHANA BRIA SERAN")], departure_date=ltsa.today)
    assert result.verdict == "clear", result.reasons
    assert result.person_id == ltsa.applicant.pk and result.application_id == application.pk
    assert {"registered", "ready"} <= _codes(result.reasons)
    assert not result.alert


def test_it_checks_a_file_that_is_not_complete(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    ltsa.verify_all(application, except_desks=(Desk.POLICE,))
    [result] = screen([_applicant()], departure_date=ltsa.today)
    assert result.verdict == "check"
    [reason] = [r for r in result.reasons if r["code"] == "not_ready"]
    assert "SKCK" in reason_detail(reason) and reason["application_id"] == str(application.pk)
    assert reason["detail_id"] != reason["detail_en"]


def test_it_stops_a_departure_after_the_job_order_ended(ltsa: LtsaWorld,
                                                        fixed_today: object) -> None:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    later = ltsa.job.valid_until + dt.timedelta(days=1)
    [result] = screen([_applicant()], departure_date=later)
    assert result.verdict == "stop" and "job_order_invalid" in _codes(result.reasons)
    assert result.alert


def test_it_accepts_the_certificate_of_the_passenger_only(ltsa: LtsaWorld,
                                                         fixed_today: object) -> None:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    application.refresh_from_db()
    token = certificates.certificate_token(application)
    # The passenger wrote the name another way and gave no birth place: the certificate
    # still identifies the file, and the passenger matches its holder.
    [shown] = screen([_applicant(name="Johana Bria Seran", birth_place="", certificate=token)],
                     departure_date=ltsa.today)
    assert shown.verdict == "clear", shown.reasons
    assert "certificate_valid" in _codes(shown.reasons)
    [borrowed] = screen([Passenger(1, "Agustinus Lake", birth_date=dt.date(1980, 1, 1),
                                   certificate=token)], departure_date=ltsa.today)
    assert borrowed.verdict == "stop"
    assert "certificate_other_person" in _codes(borrowed.reasons)


def test_it_keeps_why_a_certificate_fails_for_each_reader(ltsa: LtsaWorld,
                                                         fixed_today: object) -> None:
    """The detail of "certificate invalid" is kept as a message with its parameters: an
    English reader reads it in English, missing items included, an Indonesian reader in
    Indonesian, whoever screened the passenger."""
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    application.refresh_from_db()
    token = certificates.certificate_token(application)
    services.licence_status_change(actor=None, licence=ltsa.licensed.licences.get(),
                                   status=LicenceStatus.SUSPENDED, reason="Contoh",
                                   on=ltsa.today)
    with translation.override("en"):  # screened by an English reader
        [result] = screen([_applicant(certificate=token)], departure_date=ltsa.today)
    [reason] = [r for r in result.reasons if r["code"] == "certificate_invalid"]
    with translation.override("en"):
        assert reason_detail(reason) == (
            "The file is no longer ready to depart: "
            "The placement agency holds no licence (SIP3MI) in force")
    with translation.override("id"):
        assert reason_detail(reason) == (
            "Berkas tidak lagi siap berangkat: P3MI tidak memiliki SIP3MI yang berlaku")


def test_the_migration_reads_back_an_older_certificate_detail() -> None:
    """Screenings before the detail was kept held it filled in Indonesian: the data
    migration makes it the kept message, with the English of each item it knows."""
    migration = importlib.import_module(
        "lindung.screening.migrations.0004_certificate_detail_kept")
    reasons = [{"code": "certificate_invalid", "severity": "stop", "detail": (
        "Berkas tidak lagi siap berangkat: Paspor: belum diverifikasi; Job order KEP-1 "
        "berakhir 31-01-2026; Catatan lain")}, {"code": "minor", "detail": "x"}]
    assert migration._convert(reasons, {"Paspor": "Passport"})
    with translation.override("en"):
        assert reason_detail(reasons[0]) == (
            "The file is no longer ready to depart: Passport: not verified yet; Job order "
            "KEP-1 expired on 2026-01-31; Catatan lain")
    with translation.override("id"):
        assert reason_detail(reasons[0]).endswith("berakhir 31-01-2026; Catatan lain")
    assert reasons[1] == {"code": "minor", "detail": "x"}
