from __future__ import annotations

import uuid
from importlib import import_module

from django.apps import apps as django_apps
from django.core import mail
from django.test import Client
from django.utils import translation

from lindung.core.choices import JobStatus
from lindung.core.choices import OutboxStatus
from lindung.core.jobs import job_create
from lindung.core.jobs import job_finish
from lindung.core.jobs import job_progress
from lindung.core.jobs import job_start
from lindung.core.models import BackgroundJob
from lindung.core.models import OutboxMessage
from lindung.core.tasks import MAX_ATTEMPTS
from lindung.core.tasks import outbox_deliver


def test_it_delivers_email_and_keeps_failed_sms_for_retry(db: None) -> None:
    email = OutboxMessage.objects.create(channel="email", recipient="a@example.org",
                                         subject="Peringatan", body="Ada penumpang")
    sms = OutboxMessage.objects.create(channel="sms", recipient="+628123", body="x")
    assert outbox_deliver() == 1
    email.refresh_from_db()
    sms.refresh_from_db()
    assert email.status == OutboxStatus.SENT and len(mail.outbox) == 1
    assert sms.status == OutboxStatus.PENDING and sms.attempts == 1
    assert "gateway" in sms.last_error
    # Not due again until its back-off has passed.
    assert outbox_deliver() == 0
    sms.refresh_from_db()
    assert sms.attempts == 1


def test_it_gives_up_after_the_last_attempt_but_keeps_the_message(db: None) -> None:
    from django.utils import timezone

    sms = OutboxMessage.objects.create(channel="sms", recipient="+628123", body="x",
                                       attempts=MAX_ATTEMPTS - 1)
    OutboxMessage.objects.filter(pk=sms.pk).update(next_attempt_at=timezone.now())
    outbox_deliver()
    sms.refresh_from_db()
    assert sms.status == OutboxStatus.FAILED and OutboxMessage.objects.filter(pk=sms.pk).exists()


def test_it_tracks_job_progress(db: None) -> None:
    job = job_create(actor=None, kind="import", total=10)
    job_start(job.pk)
    job_progress(job.pk, advance=4)
    job_progress(job.pk, advance=3, message="baris 7")
    job.refresh_from_db()
    assert (job.status, job.done, job.percent, job.message) == (JobStatus.RUNNING, 7, 70,
                                                                 "baris 7")
    job_finish(job.pk, result={"rows": 10})
    job = BackgroundJob.objects.get(pk=job.pk)
    assert job.status == JobStatus.DONE and job.done == 10 and job.result == {"rows": 10}


def test_a_job_message_is_shown_in_the_readers_language(db: None) -> None:
    """Progress messages are kept as msgids (common/stored_text); the migration turns the
    older "Indonesian / English" ones into msgids too."""
    done = job_create(actor=None, kind="screening", total=1)
    BackgroundJob.objects.filter(pk=done.pk).update(message="Selesai / Done")
    failed = job_create(actor=None, kind="screening", total=1)
    BackgroundJob.objects.filter(pk=failed.pk).update(message="Gagal / Failed: OperationalError")
    import_module("lindung.core.migrations.0004_job_messages_one_language").forwards(
        django_apps, None)
    done.refresh_from_db()
    failed.refresh_from_db()
    assert (done.message, done.message_text) == ("Selesai", "Selesai")
    assert failed.message_text == "Gagal: OperationalError"
    with translation.override("en"):
        assert (done.message_text, failed.message_text) == ("Completed",
                                                             "Failed: OperationalError")


def test_it_serves_the_api_document_and_offline_docs(db: None) -> None:
    client = Client()
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/api/v1/people/" in paths and "/api/v1/regions/nik/check" in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_the_api_document_describes_itself_in_the_language_of_the_request(db: None) -> None:
    client = Client()
    english = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    indonesian = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="id").json()
    assert english["info"]["description"].startswith(
        "Lindung API for agencies and machine systems")
    assert indonesian["info"]["description"].startswith(
        "API Lindung untuk instansi dan sistem mesin")


def test_it_sends_a_strict_content_security_policy(db: None) -> None:
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_it_shows_the_data_quality_page_with_each_seed_inconsistency(db: None) -> None:
    from lindung.stats.seed import SEED_ISSUES

    html = Client().get("/stats/data-quality/").content.decode()
    for issue in SEED_ISSUES:
        assert f'id="{issue.key}"' in html
    assert "Kab. SDB" in html and "13 LTSA" in html


def test_it_speaks_indonesian_unless_the_user_chose_english(db: None) -> None:
    client = Client()
    default = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert default["Content-Language"] == "id"
    assert "Bekerja ke luar negeri" in default.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    chosen = client.get("/")
    assert chosen["Content-Language"] == "en"
    assert "Work abroad" in chosen.content.decode()


def test_it_registers_only_menu_entries_that_resolve(db: None) -> None:
    from django.urls import reverse

    from lindung.core.nav import _ITEMS

    assert _ITEMS
    for item in _ITEMS:
        assert reverse(item.url_name).startswith("/"), item.url_name


def test_many_values_go_as_one_parameter_and_ids_come_back_as_text(db: None) -> None:
    from django.db import connection

    from lindung.core.sql import in_values
    from lindung.core.sql import text_id
    from lindung.people.models import Person
    from lindung.people.services import person_create

    people = [person_create(actor=None, name=f"Orang {number}") for number in range(3)]
    wanted = [people[0].pk, people[2].pk]
    table = connection.ops.quote_name(Person._meta.db_table)
    column = connection.ops.quote_name("id")
    with connection.cursor() as cursor:
        condition, parameter = in_values(column, wanted)  # UUID objects
        cursor.execute(f"SELECT {text_id(column)} FROM {table} WHERE {condition}",  # noqa: S608
                       [parameter])
        as_text = sorted(row[0] for row in cursor.fetchall())
        assert [str(uuid.UUID(pk)) for pk in as_text] == sorted(str(pk) for pk in wanted)
        # ids read as text go back with cast="uuid"; an empty list finds nothing
        for values, expected in ((as_text, 2), ([], 0)):
            condition, parameter = in_values(column, values, cast="uuid")
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {condition}",  # noqa: S608
                           [parameter])
            assert cursor.fetchone()[0] == expected
        names = [people[1].name, "Tidak Ada"]
        condition, parameter = in_values(connection.ops.quote_name("name"), names)
        cursor.execute(f"SELECT {text_id(column)} FROM {table} WHERE {condition}",  # noqa: S608
                       [parameter])
        assert [uuid.UUID(row[0]) for row in cursor.fetchall()] == [people[1].pk]
