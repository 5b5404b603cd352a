"""procedural_status(): the screening's view of many people in two queries."""

from __future__ import annotations

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lindung.directory.choices import Desk
from lindung.ltsa.selectors import ProceduralStatus
from lindung.ltsa.selectors import procedural_status
from tests.fixtures.ltsa import LtsaWorld


def test_it_answers_for_every_id_in_two_queries(ltsa: LtsaWorld, fixed_today: object) -> None:
    ready, _ = ltsa.register()
    ltsa.verify_all(ready)
    pending, _ = ltsa.register(person=ltsa.world.ntt_person, job=ltsa.job_factory)
    ltsa.verify_all(pending, except_desks=(Desk.POLICE, Desk.BANKING))
    stranger = uuid.uuid4()
    ids = [ltsa.applicant.pk, ltsa.world.ntt_person.pk, ltsa.minor.pk, stranger]
    with CaptureQueriesContext(connection) as queries:
        result = procedural_status(ids, ltsa.today)
    assert len(queries) == 2
    assert set(result) == set(ids)
    assert result[ltsa.applicant.pk] == ProceduralStatus(
        ready_to_depart=True, application_id=ready.pk, job_order_valid=True,
        agency_licensed=True, missing=[])
    waiting = result[ltsa.world.ntt_person.pk]
    assert not waiting.ready_to_depart and waiting.application_id == pending.pk
    assert len(waiting.missing) == 2
    assert all(reason.id and reason.en for reason in waiting.missing)
    assert any("SKCK" in str(reason) for reason in waiting.missing)
    for nobody in (ltsa.minor.pk, stranger):
        assert result[nobody].application_id is None
        assert [str(reason) for reason in result[nobody].missing] == [
            "Tidak ada permohonan aktif di LTSA"]


def test_it_uses_the_same_two_queries_for_many_people(ltsa: LtsaWorld,
                                                      fixed_today: object) -> None:
    ltsa.register()
    ids = [uuid.uuid4() for _ in range(2000)] + [ltsa.applicant.pk]
    with CaptureQueriesContext(connection) as queries:
        result = procedural_status(ids, ltsa.today)
    assert len(queries) == 2
    assert len(result) == 2001


def test_it_reports_an_expired_job_order_and_licence_on_a_later_day(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    later = ltsa.job.valid_until.replace(year=ltsa.job.valid_until.year + 3)
    status = procedural_status([ltsa.applicant.pk], later)[ltsa.applicant.pk]
    assert not status.ready_to_depart
    assert not status.job_order_valid
    assert not status.agency_licensed
    assert any("expired" in reason.en for reason in status.missing)


def test_it_answers_an_empty_question_without_queries(ltsa: LtsaWorld) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert procedural_status([], ltsa.today) == {}
    assert len(queries) == 0
