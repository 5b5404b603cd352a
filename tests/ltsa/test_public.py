"""The public pages and their cache: checker, fees, jobs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lindung.ltsa import public_cache
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.choices import LicenceStatus
from tests.fixtures.ltsa import LtsaWorld


def test_it_finds_a_licensed_agency_despite_misspellings(ltsa: LtsaWorld,
                                                          fixed_today: object) -> None:
    for query in ("Sinar Harapan Jaya", "sinar harapn jaya", "PT. SINAR HARAPAN",
                  "snar harapan"):
        result = selectors.check(query, on=ltsa.today)
        assert result.agencies, query
        assert result.agencies[0].agency == ltsa.licensed
        assert result.agencies[0].state == selectors.public.LICENSED


def test_it_finds_an_agency_by_licence_number_written_differently(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    result = selectors.check("kep 123 pptkis 2023", on=ltsa.today)
    assert result.agencies[0].agency == ltsa.licensed
    # One digit wrong still finds it (prefix or suffix key), scored below an exact match.
    near = selectors.check("KEP.124/PPTKIS/2023", on=ltsa.today)
    assert near.agencies and near.agencies[0].agency == ltsa.licensed


@pytest.mark.parametrize(("name", "state"), [
    ("Bintang Timur Abadi", "expired"), ("Mega Karya Mandiri", "suspended"),
    ("Cahaya Lautan Biru", "revoked")])
def test_it_says_why_an_agency_may_not_recruit(ltsa: LtsaWorld, fixed_today: object,
                                               name: str, state: str) -> None:
    response = Client().get("/ltsa/check/", {"q": name})
    assert response.status_code == 200
    assert f'data-state="{state}"' in response.content.decode()
    assert "/reports/new/" in response.content.decode()


def test_it_says_what_to_do_when_nothing_is_found(ltsa: LtsaWorld, fixed_today: object) -> None:
    response = Client().get("/ltsa/check/", {"q": "PT Tidak Pernah Ada Sama Sekali"})
    page = response.content.decode()
    assert 'id="not-found"' in page
    assert 'href="/reports/new/"' in page


def test_it_checks_a_job_order_by_number(ltsa: LtsaWorld, fixed_today: object) -> None:
    valid = selectors.check("SIP2MI 2026 0001", on=ltsa.today)
    assert valid.job_orders[0].job_order == ltsa.job
    assert valid.job_orders[0].state == selectors.public.VALID
    expired = selectors.check("SIP2MI/2025/0100", on=ltsa.today)
    assert expired.job_orders[0].state == selectors.public.EXPIRED
    full = selectors.check("SIP2MI/2026/0003", on=ltsa.today)
    assert full.job_orders[0].state == selectors.public.FULL
    unlicensed = selectors.check("SIP2MI/2026/0004", on=ltsa.today)
    assert unlicensed.job_orders[0].state == selectors.public.AGENCY_NOT_LICENSED


def test_it_retrieves_few_candidates_with_indexed_keys(ltsa: LtsaWorld,
                                                       fixed_today: object) -> None:
    with CaptureQueriesContext(connection) as queries:
        selectors.check("sinar harapn", on=ltsa.today)
    # keys, agencies, their licences (no job-order candidates for a name-only query)
    assert len(queries) <= 5
    assert "IN" in queries.captured_queries[0]["sql"]


def test_it_shows_the_zero_cost_rule_with_its_citation(ltsa: LtsaWorld,
                                                        fixed_today: object) -> None:
    page = Client().get("/ltsa/fees/", {"country": "MY",
                                        "occupation": "household_worker"}).content.decode()
    assert 'id="zero-cost-notice"' in page
    assert "Peraturan BP2MI Nomor 9 Tahun 2020" in page
    assert "contoh" in page  # the illustrative schedule is marked
    # The list of the ten occupations is on the page.
    for name in ("Pengurus rumah tangga", "Awak kapal perikanan migran", "Sopir keluarga"):
        assert name in page


def test_it_shows_the_worker_total_for_a_formal_occupation(ltsa: LtsaWorld,
                                                           fixed_today: object) -> None:
    view = selectors.fee_view("TW", ltsa.job_factory.occupation, on=ltsa.today)
    assert view.zero_cost is None
    assert str(view.worker_total) == "1350000.00"
    page = Client().get("/ltsa/fees/", {"country": "TW",
                                        "occupation": "factory_operator"}).content.decode()
    assert "1.350.000 IDR" in page or "1,350,000 IDR" in page


def test_it_lists_only_open_job_orders_with_costs(ltsa: LtsaWorld, fixed_today: object) -> None:
    page = Client().get("/ltsa/jobs/").content.decode()
    assert ltsa.job.permit_number in page
    assert ltsa.job_factory.permit_number in page
    for closed in (ltsa.job_expired, ltsa.job_full, ltsa.job_unlicensed):
        assert closed.permit_number not in page
    assert "bebas biaya penempatan" in page


def test_it_filters_job_orders_by_region_and_country(ltsa: LtsaWorld,
                                                     fixed_today: object) -> None:
    inside = selectors.open_job_orders(on=ltsa.today, region_code="53.01.05.1001")
    assert ltsa.job in inside
    outside = selectors.open_job_orders(on=ltsa.today, region_code="32.04.11")
    assert ltsa.job not in outside
    taiwan = selectors.open_job_orders(on=ltsa.today, country="TW")
    assert list(taiwan) == [ltsa.job_factory]


def test_it_serves_a_repeat_visit_from_the_shared_cache(ltsa: LtsaWorld,
                                                        fixed_today: object) -> None:
    # (The checker and the fee page are built from the process's copy instead: see
    # tests/ltsa/test_public_index.py.)
    client = Client()
    first = client.get("/ltsa/jobs/", {"country": "MY"})
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/ltsa/jobs/", {"country": "MY"})
    assert second.content == first.content
    assert len(queries) == 1  # one cache round trip, nothing else
    assert "lindung_cache" in queries.captured_queries[0]["sql"]


def test_a_cached_page_carries_nothing_of_the_visitor(ltsa: LtsaWorld,
                                                      fixed_today: object) -> None:
    one, two = Client(), Client()
    page_one = one.get("/ltsa/")
    page_two = two.get("/ltsa/")
    assert page_one.content == page_two.content
    assert b"csrfmiddlewaretoken" not in page_two.content
    assert public_cache.CSRF_PLACEHOLDER.encode() not in page_two.content
    assert "csrftoken" not in page_two.cookies and "sessionid" not in page_two.cookies
    # The language switch works from a cached page, without a token.
    strict = Client(enforce_csrf_checks=True)
    switched = strict.post("/i18n/setlang/", {"language": "en", "next": "/ltsa/"},
                           headers={"Sec-Fetch-Site": "same-origin"})
    assert switched.status_code == 302 and switched["Location"] == "/ltsa/"
    assert strict.get("/ltsa/")["Content-Language"] == "en"


def test_a_public_page_with_a_token_gives_each_visitor_their_own(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}</form>')

    def render(extra: dict[str, object]) -> HttpResponse:
        return HttpResponse(template.render(extra))

    def page(cookies: dict[str, str]) -> str:
        request = HttpRequest()
        request.method = "GET"
        request.path = "/ltsa/form/"
        request.COOKIES = cookies
        request.user = AnonymousUser()
        return public_cache.cached_page(request, "form", render).content.decode()

    first, second = page({}), page({})
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in first and public_cache.CSRF_PLACEHOLDER not in second
    assert first.split(token)[1] != second.split(token)[1]


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page"},
])
def test_it_refuses_a_language_switch_from_another_site(db: None,
                                                       headers: dict[str, str]) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, headers=headers)
    assert response.status_code == 403
    assert "django_language" not in response.cookies


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin"},
    {"Origin": "http://testserver"},
    {"Referer": "http://testserver/ltsa/"},
    {},
])
def test_it_switches_language_for_its_own_pages(db: None, headers: dict[str, str]) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"},
                           headers=headers)
    assert response.status_code == 302
    assert "evil" not in response["Location"]  # never to an outside address
    assert response.cookies["django_language"].value == "en"


def test_it_invalidates_the_cache_when_a_licence_changes(ltsa: LtsaWorld,
                                                         fixed_today: object) -> None:
    client = Client()
    assert 'data-state="licensed"' in client.get("/ltsa/check/", {"q": "sinar harapan"}
                                                 ).content.decode()
    services.licence_status_change(actor=None, licence=ltsa.licensed.licences.get(),
                                   status=LicenceStatus.REVOKED, reason="Contoh",
                                   on=ltsa.today)
    page = client.get("/ltsa/check/", {"q": "sinar harapan"}).content.decode()
    assert 'data-state="revoked"' in page


def test_it_caches_per_language(ltsa: LtsaWorld, fixed_today: object) -> None:
    client = Client()
    indonesian = client.get("/ltsa/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/ltsa/").content.decode()
    assert 'lang="id"' in indonesian and 'lang="en"' in english


def test_it_gives_staff_a_fresh_page(ltsa: LtsaWorld, fixed_today: object) -> None:
    staff = ltsa.client_for("coord_ntt")
    staff.get("/ltsa/jobs/")
    services.job_order_close(actor=None, job_order=ltsa.job)
    assert ltsa.job.permit_number not in staff.get("/ltsa/jobs/").content.decode()


def test_it_shows_a_licence_expiring_after_today_as_licensed(ltsa: LtsaWorld,
                                                            fixed_today: object) -> None:
    licence = ltsa.licensed.licences.get()
    assert licence.permits_on(ltsa.today)
    assert not licence.permits_on(licence.valid_until + timedelta(days=1))


def test_a_cached_verdict_follows_the_calendar(ltsa: LtsaWorld, fixed_today: object,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    monkeypatch.setattr(public_cache, "LOCAL_SECONDS", 5.0)
    public_cache.local_clear()
    last_day = ltsa.licensed.licences.get().valid_until
    client = Client()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: last_day)
    assert 'data-state="licensed"' in client.get("/ltsa/check/", {"q": "sinar harapan"}
                                                 ).content.decode()
    next_day = last_day + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: next_day)
    assert 'data-state="expired"' in client.get("/ltsa/check/", {"q": "sinar harapan"}
                                                ).content.decode()
    public_cache.local_clear()


def test_it_reuses_a_page_in_the_process_for_a_few_seconds(
        ltsa: LtsaWorld, fixed_today: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(public_cache, "LOCAL_SECONDS", 5.0)
    public_cache.local_clear()
    client = Client()
    client.get("/ltsa/fees/", {"country": "TW", "occupation": "factory_operator"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/ltsa/fees/", {"country": "TW", "occupation": "factory_operator"})
    assert again.status_code == 200 and len(queries) == 0
    # A write in this process clears the local copies at once.
    services.fee_schedule_close(actor=None, schedule=ltsa.schedule_factory,
                                effective_to=ltsa.today - timedelta(days=1))
    page = client.get("/ltsa/fees/", {"country": "TW", "occupation": "factory_operator"})
    assert "Belum ada jadwal biaya resmi" in page.content.decode()
    public_cache.local_clear()


def test_a_job_orders_occupation_is_named_in_the_readers_language(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    occupation = ltsa.job.occupation
    assert occupation.name_en  # the reference data carries both names
    client = Client()
    url = f"/ltsa/job-orders/{ltsa.job.pk}/"
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    client.cookies["django_language"] = "id"
    indonesian = client.get(url).content.decode()
    assert occupation.name_en in english and occupation.name not in english
    assert occupation.name in indonesian
