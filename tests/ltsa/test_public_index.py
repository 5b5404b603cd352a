"""The public checker and fee pages built from the process's copy of the public data
(``ltsa.public_index``): the same pages as drawn in full, in both languages, and current
after every change, in this process and in the others."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lindung.ltsa import public_cache
from lindung.ltsa import public_index
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.choices import LicenceStatus
from tests.fixtures.ltsa import LtsaWorld

QUERIES = ["sinar harapan", "sinar harapn jaya", "PT. SINAR HARAPAN", "kep 123 pptkis 2023",
           "KEP.124/PPTKIS/2023", "Bintang Timur Abadi", "Mega Karya Mandiri",
           "Cahaya Lautan Biru", "SIP2MI 2026 0001", "SIP2MI/2025/0100", "SIP2MI/2026/0003",
           "SIP2MI/2026/0004", "PT Tidak Pernah Ada Sama Sekali",
           "<script>alert('x')</script> & \"sinar\"", "  karya  "]
FEES = [{}, {"country": "MY", "occupation": "household_worker"},
        {"country": "TW", "occupation": "factory_operator"}, {"country": "TW"},
        {"country": "HK", "occupation": ""}, {"country": "MY", "occupation": "cook"},
        {"country": "XX"}, {"country": "MY", "occupation": "pilot"}, {"other": "1"}]


@pytest.fixture
def reuse(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the copy across requests, as outside tests."""
    monkeypatch.setattr(public_index, "REUSE", True)
    public_index.clear()
    yield
    public_index.clear()


def _same_in_full(monkeypatch: pytest.MonkeyPatch, client: Client, path: str,
                  params: dict[str, str]) -> bool:
    """The page, its status and its headers (security headers, Cache-Control, Vary) are
    those of the page drawn in full."""
    fast = client.get(path, params)
    with monkeypatch.context() as patch:  # no version: fast() is not asked, all drawn
        patch.setattr(public_cache, "local_versions", lambda: None)
        full = client.get(path, params)
    assert fast.status_code == full.status_code
    assert sorted(fast.headers.items()) == sorted(full.headers.items())
    return fast.content == full.content


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_draws_the_checker_as_in_full(ltsa: LtsaWorld, fixed_today: object, reuse: None,
                                         monkeypatch: pytest.MonkeyPatch,
                                         language: str) -> None:
    client = Client()
    client.cookies["django_language"] = language
    for query in QUERIES:
        for extra in ({}, {"from": "bench&<x>"}):  # the address is in the language switch
            params = {"q": query, **extra}
            assert _same_in_full(monkeypatch, client, "/ltsa/check/", params), query
    page = client.get("/ltsa/check/", {"q": "<script>alert('x')</script>"}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)" in page


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_draws_the_fee_page_as_in_full(ltsa: LtsaWorld, fixed_today: object, reuse: None,
                                          monkeypatch: pytest.MonkeyPatch,
                                          language: str) -> None:
    client = Client()
    client.cookies["django_language"] = language
    for params in FEES:
        for extra in ({}, {"miss": "1"}):
            assert _same_in_full(monkeypatch, client, "/ltsa/fees/", {**params, **extra}), params


def test_it_finds_what_the_database_search_finds(ltsa: LtsaWorld, fixed_today: object,
                                                 reuse: None) -> None:
    index = public_index.index_at(public_cache.local_version() or 0)
    for query in QUERIES:
        mine = public_index.check(index, query, on=ltsa.today)
        theirs = selectors.check(query, on=ltsa.today)
        assert [(h.agency.pk, h.state, h.score) for h in mine.agencies] == [
            (h.agency.pk, h.state, h.score) for h in theirs.agencies], query
        assert [(h.job_order.pk, h.state, h.score) for h in mine.job_orders] == [
            (h.job_order.pk, h.state, h.score) for h in theirs.job_orders], query


def test_it_answers_a_new_query_without_the_database(ltsa: LtsaWorld, fixed_today: object,
                                                     reuse: None) -> None:
    client = Client()
    client.get("/ltsa/check/", {"q": "sinar harapan"})  # builds the copy
    client.get("/ltsa/fees/", {"country": "TW", "occupation": "factory_operator"})
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/ltsa/check/", {"q": "bintang timor"})
        fees = client.get("/ltsa/fees/", {"country": "TW", "occupation": "factory_operator",
                                          "utm": "x"})
    assert 'data-state="expired"' in page.content.decode()
    assert "1.350.000" in fees.content.decode()
    # Only the version of the data, once a request (tests ask every time: LOCAL_SECONDS 0).
    assert len(queries) == 2
    assert all("lindung_cache" in query["sql"] for query in queries.captured_queries)


def _elsewhere(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Writes as another process would make them: this one's local copies are not told,
    only the shared cache's version changes."""
    monkeypatch.setattr(public_cache, "local_clear", lambda: None)
    return monkeypatch


def test_a_change_in_another_process_shows_at_the_next_request(
        ltsa: LtsaWorld, fixed_today: object, reuse: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    check = {"q": "sinar harapan"}
    fees = {"country": "TW", "occupation": "factory_operator"}
    assert 'data-state="licensed"' in client.get("/ltsa/check/", check).content.decode()
    assert "1.350.000" in client.get("/ltsa/fees/", fees).content.decode()
    before = public_index.index_at(public_cache.local_version() or 0)
    with _elsewhere(monkeypatch).context():
        services.licence_status_change(actor=None, licence=ltsa.licensed.licences.get(),
                                       status=LicenceStatus.REVOKED, reason="Contoh",
                                       on=ltsa.today)
        services.fee_schedule_close(actor=None, schedule=ltsa.schedule_factory,
                                    effective_to=ltsa.today - timedelta(days=1))
        services.placement_agency_create(actor=None, name="PT Sinar Harapan Baru",
                                         synthetic=True)
    assert public_index.index_at(public_cache.local_version() or 0) is not before
    page = client.get("/ltsa/check/", check).content.decode()
    assert 'data-state="revoked"' in page and "PT Sinar Harapan Baru" in page
    assert "Belum ada jadwal biaya resmi" in client.get("/ltsa/fees/", fees).content.decode()


def test_it_takes_a_lost_version_for_a_change(ltsa: LtsaWorld, fixed_today: object,
                                              reuse: None) -> None:
    client = Client()
    client.get("/ltsa/check/", {"q": "sinar harapan"})
    before = public_index.index_at(public_cache.local_version() or 0)
    cache.delete(public_cache.VERSION_KEY)  # evicted, or the cache restarted empty
    client.get("/ltsa/check/", {"q": "sinar harapan"})
    assert public_index.index_at(public_cache.local_version() or 0) is not before


def test_the_reference_loader_invalidates_the_pages(ltsa: LtsaWorld, fixed_today: object,
                                                    reuse: None) -> None:
    from lindung.ltsa.reference import reference_load

    version = public_cache.local_version()
    reference_load()
    assert public_cache.local_version() != version


def test_a_change_to_agencies_or_job_orders_keeps_the_fee_pages(
        ltsa: LtsaWorld, fixed_today: object, reuse: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    fees = {"country": "TW", "occupation": "factory_operator"}
    client.get("/ltsa/fees/", fees)
    client.get("/ltsa/check/", {"q": "sinar harapan"})
    with _elsewhere(monkeypatch).context():
        services.job_order_close(actor=None, job_order=ltsa.job_factory)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/ltsa/fees/", {**fees, "utm": "y"})
    assert "1.350.000" in page.content.decode()
    assert len(queries) == 1  # the versions; the page was not drawn again
    # ... while the checker's copy follows the change.
    page = client.get("/ltsa/check/", {"q": "SIP2MI/2026/0002"})
    assert 'data-state="closed"' in page.content.decode()


def test_a_marker_like_text_in_the_data_stays_as_it_is(db: None) -> None:
    frame = public_index.Frame.of(f"<p>{public_index.slot('next')}</p>"
                                  f"<p>{public_index.slot('legalbasis')}</p>")
    assert frame.fill({"next": "/x"}) == f"<p>/x</p><p>{public_index.slot('legalbasis')}</p>"
