"""The matching engine on the database: stored keys, candidates, search before create."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from lindung.matching.keys import record_keys
from lindung.people import matching
from lindung.people.choices import WatchlistKind
from lindung.people.matching import Probe
from lindung.people.matching import match_people
from lindung.people.matching import match_watchlist
from lindung.people.models import MatchKeyFrequency
from lindung.people.models import Person
from lindung.people.models import PersonMatchKey
from lindung.people.models import WatchlistMatchKey
from lindung.people.selectors import person_candidates
from lindung.people.services import person_create
from lindung.people.services import person_update
from lindung.people.services import watchlist_entry_add
from lindung.people.services import watchlist_entry_retire
from lindung.regions.models import Region
from tests.conftest import JABAR_VILLAGE
from tests.conftest import NTT_VILLAGE
from tests.conftest import World

BORN = date(1990, 4, 12)


def _keys(person: Person) -> set[str]:
    return set(PersonMatchKey.objects.filter(person=person).values_list("key", flat=True))


def test_it_stores_keys_on_create_and_rewrites_them_on_update(world: World) -> None:
    person = person_create(actor=None, name="Yohanes Manafe", birth_date=BORN)
    assert _keys(person) == matching.person_keys(person)
    person_update(actor=world.users["admin"], person=person, name="Yohanis Benu")
    assert _keys(person) == record_keys("Yohanis Benu", BORN)
    before = _keys(person)
    person_update(actor=world.users["admin"], person=person, phone="081234567890")
    assert _keys(person) == before


def test_it_backfills_and_bulk_refreshes_keys(world: World) -> None:
    person = person_create(actor=None, name="Maria Tefa", birth_date=BORN)
    PersonMatchKey.objects.filter(person=person).delete()
    assert person.pk in matching.people_without_keys()
    assert matching.person_keys_backfill() >= 1
    assert _keys(person) == matching.person_keys(person)
    Person.objects.filter(pk=person.pk).update(name="Maria Ndun")  # a bulk writer
    matching.person_keys_bulk_refresh([person.pk])
    assert _keys(person) == record_keys("Maria Ndun", BORN)


def test_it_counts_key_frequencies(world: World) -> None:
    for _ in range(3):
        person_create(actor=None, name="Siti Rahayu", birth_date=BORN, birth_place="Kab. Soe")
    written = matching.key_frequencies_refresh()
    assert written == MatchKeyFrequency.objects.exclude(key__startswith="#").count() > 0
    # People per birth place, as the scorer compares them ("Kab." left out): their weight.
    assert MatchKeyFrequency.objects.get(key=matching.PLACE_PREFIX + "soe").people == 3
    weights = matching.registry_weights_all()
    # A registry this small keeps the built-in weight (the counts are smoothed).
    assert weights.places == {"soe": 3, "kupang": 1} and weights.place("soe") == 1.0
    assert MatchKeyFrequency.objects.get(key=matching.TOTAL_KEY).people == Person.objects.count()
    key = next(iter(record_keys("Siti Rahayu", BORN)))
    assert MatchKeyFrequency.objects.get(key=key).people >= 3
    assert matching.key_sizes([key])[key] >= 3


def test_a_second_refresh_writes_what_changed_and_only_that(world: World) -> None:
    first = person_create(actor=None, name="Siti Rahayu", birth_date=BORN, birth_place="Soe")
    person_create(actor=None, name="Siti Rahayu", birth_date=BORN, birth_place="Soe")
    matching.key_frequencies_refresh()
    shared = next(iter(record_keys("Siti Rahayu", BORN)))
    assert MatchKeyFrequency.objects.get(key=shared).people == 2
    unchanged = MatchKeyFrequency.objects.exclude(key__startswith="#").exclude(
        key__in=record_keys("Siti Rahayu", BORN)).values_list("key", "people")
    before = dict(unchanged)
    person_update(actor=world.users["admin"], person=first, name="Yakobus Nubatonis",
                  birth_place="Atambua")
    written = matching.key_frequencies_refresh()
    counts = dict(MatchKeyFrequency.objects.values_list("key", "people"))
    # Changed counts, keys gone, keys new; the total and the places recounted.
    assert counts[shared] == 1
    new_keys = record_keys("Yakobus Nubatonis", BORN)
    assert all(counts[key] == 1 for key in new_keys - record_keys("Siti Rahayu", BORN))
    assert counts[matching.TOTAL_KEY] == Person.objects.count()
    assert counts[matching.PLACE_PREFIX + "soe"] == 1
    assert counts[matching.PLACE_PREFIX + "atambua"] == 1
    # The keys nobody holds any more are gone; the others kept their counts.
    stored = set(PersonMatchKey.objects.values_list("key", flat=True))
    assert {key for key in counts if not key.startswith("#")} == stored
    assert written == len(stored)
    assert all(counts[key] == people for key, people in before.items() if key in stored)


def test_it_counts_keys_directly_before_the_first_refresh(world: World) -> None:
    person_create(actor=None, name="Yohanes Manafe", birth_date=BORN)
    assert not MatchKeyFrequency.objects.exists()
    key = sorted(record_keys("Yohanes Manafe", BORN))[0]
    assert matching.key_sizes([key]) == {key: 1}


def test_it_finds_a_respelled_person_with_reasons(world: World) -> None:
    target = person_create(actor=None, name="Muhammad Yusuf", birth_date=BORN,
                           birth_place="Kupang", sex="M")
    person_create(actor=None, name="Muhammad Yusuf", birth_date=date(1971, 1, 5))
    matching.key_frequencies_refresh()
    [hits] = match_people([Probe(name="Moh. Jusuf", birth_date=BORN, birth_place="Kab. Kupang",
                                 sex="L")])
    assert hits[0].id == target.pk
    assert hits[0].decision == "match"
    assert [reason.field for reason in hits[0].result.reasons][:3] == ["nik", "passport", "name"]
    assert all(hit.id != target.pk or hit is hits[0] for hit in hits)


def test_it_finds_a_person_by_nik_even_with_another_name(world: World) -> None:
    [hits] = match_people([Probe(name="Budi Santoso", nik="3204114609970004")], floor=-50)
    assert hits and hits[0].id == world.jabar_person.pk
    assert hits[0].result.reasons[0].strength == "exact"
    assert hits[0].decision in ("match", "possible")


def test_it_tells_a_nik_typo_from_a_nik_conflict(world: World) -> None:
    # The stored NIK is encrypted: the hashes differ, so the engine opens it to compare.
    [typo] = match_people([Probe(name="Siti Aminah", nik="3204114609970005",
                                 birth_date=date(1997, 9, 6))])
    assert typo[0].id == world.jabar_person.pk
    assert typo[0].result.reasons[0].strength == "partial"
    [conflict] = match_people([Probe(name="Siti Aminah", nik="3273014609970009",
                                     birth_date=date(1997, 9, 6))], floor=-50)
    assert conflict[0].result.reasons[0].strength == "conflict"
    assert conflict[0].decision != "match"


def test_it_keeps_a_homonym_with_another_birth_date_apart(world: World) -> None:
    person_create(actor=None, name="Yohanes Benu Tefa", birth_date=BORN, birth_place="Soe")
    [hits] = match_people([Probe(name="Yohanes Benu Tefa", birth_date=date(1975, 8, 1),
                                 birth_place="Soe")])
    assert all(hit.decision != "match" for hit in hits)


def test_it_matches_many_probes_in_one_chunk(world: World) -> None:
    people = [person_create(actor=None, name=name, birth_date=date(1980 + i, 1 + i, 3 + i))
              for i, name in enumerate(["Agus Santoso", "Dewi Lestari", "Yosef Nope",
                                        "Baiq Nurhasanah"])]
    probes = [Probe(name=p.name.upper(), birth_date=p.birth_date) for p in people]
    probes.append(Probe(name="Tidak Ada Orangnya", birth_date=date(2001, 1, 1)))
    results = match_people(probes)
    assert [hits[0].id for hits in results[:4]] == [p.pk for p in people]
    assert results[4] == []


def test_it_offers_candidates_only_within_the_users_scope(world: World) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    jabar = Region.objects.get(code=JABAR_VILLAGE)
    inside = person_create(actor=None, name="Yosef Nope", birth_date=BORN, village=ntt)
    outside = person_create(actor=None, name="Yosef Nope", birth_date=BORN, village=jabar)
    user = world.users["coord_ntt"]
    found = person_candidates(user=user, name="Josef Nope", birth_date=BORN)
    assert [c.person for c in found] == [inside]
    assert found[0].decision == "match" and 0.9 <= found[0].score <= 1.0
    national = person_candidates(user=world.users["admin"], name="Josef Nope", birth_date=BORN)
    assert {c.person for c in national} == {inside, outside}
    assert person_candidates(user=world.users["analyst"], name="Josef Nope") == []
    assert person_candidates(user=user, name="  ") == []


def test_it_accepts_a_free_text_query_as_other_forms_send_it(world: World) -> None:
    found = person_candidates(user=world.users["admin"], query="3204 1146 0997 0004")
    assert found[0].person == world.jabar_person
    found = person_candidates(user=world.users["admin"], query="Siti Aminah")
    assert world.jabar_person in [c.person for c in found]


def test_it_indexes_and_matches_the_active_watchlist(world: World) -> None:
    entry = watchlist_entry_add(actor=None, kind=WatchlistKind.RECRUITER, name="Hendrik Lado",
                                aliases="Om Hendrik; Eky Lado", source_entity="test",
                                source_id="1")
    common = watchlist_entry_add(actor=None, kind=WatchlistKind.SUSPECT, name="Siti",
                                 nik="5301054506990003", source_entity="test", source_id="2")
    assert WatchlistMatchKey.objects.filter(entry=entry).exists()
    assert WatchlistMatchKey.objects.filter(entry=common).exists()  # even with no block key
    [by_name, by_alias, by_common, nobody] = match_watchlist([
        Probe(name="Hendrik Lado"), Probe(name="Eky Lado"),
        Probe(name="SITI", nik="5301054506990003"), Probe(name="Maria Goreti Ndun")])
    assert by_name[0].entry_id == entry.pk and by_name[0].kind == "recruiter"
    assert by_alias[0].entry_id == entry.pk
    assert by_common and by_common[0].entry_id == common.pk  # by the NIK
    assert match_watchlist([Probe(name="Siti")]) == [[]]  # a very common name alone: no hit
    assert nobody == []
    watchlist_entry_retire(actor=None, entry=entry, reason="cleared")
    assert match_watchlist([Probe(name="Hendrik Lado")]) == [[]]


def test_it_indexes_watchlist_entries_written_without_keys(world: World) -> None:
    entry = watchlist_entry_add(actor=None, kind=WatchlistKind.MISSING_PERSON,
                                name="Marselina Bria", birth_date=BORN, source_entity="test",
                                source_id="3")
    WatchlistMatchKey.objects.filter(entry=entry).delete()
    assert matching.watchlist_keys_sync() == 1
    assert matching.watchlist_keys_sync() == 0
    [hits] = match_watchlist([Probe(name="Marselina Bria", birth_date=BORN)])
    assert hits[0].entry_id == entry.pk and hits[0].decision == "match"


@pytest.mark.parametrize("role", ["admin", "coord_ntt", "taskforce_kupang", "desk_kupang",
                                  "village_officer"])
def test_it_shows_likely_people_before_creating_one(world: World, role: str) -> None:
    client = world.client_for(role)
    village = (Region.objects.filter(code__startswith="53.71.01.", level="village").first()
               if role == "taskforce_kupang" else Region.objects.get(code=NTT_VILLAGE))
    assert village is not None
    existing = person_create(actor=None, name="Maria Goreti Benu", birth_date=BORN,
                             village=village)
    url = reverse("people:create")
    response = client.post(url, {"name": "Maria Goreti Benu", "birth_date": "1990-04-12",
                                 "migration_status": "none", "village": village.code})
    assert response.status_code == 200
    assert existing.name.encode() in response.content
    assert Person.objects.filter(name="Maria Goreti Benu").count() == 1
    # The officer picks the existing person...
    assert reverse("people:detail", args=[existing.pk]).encode() in response.content
    # ... or confirms that this is someone else.
    response = client.post(url, {"name": "Maria Goreti Benu", "birth_date": "1990-04-12",
                                 "migration_status": "none", "village": village.code,
                                 "confirm_new": "1"})
    assert response.status_code == 302
    assert Person.objects.filter(name="Maria Goreti Benu").count() == 2


def test_it_creates_at_once_when_nobody_is_alike(world: World) -> None:
    client = world.client_for("coord_ntt")
    response = client.post(reverse("people:create"), {
        "name": "Nama Yang Belum Pernah Ada", "birth_date": "1990-04-12",
        "migration_status": "none", "village": NTT_VILLAGE})
    created = Person.objects.get(name="Nama Yang Belum Pernah Ada")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[created.pk])


# ---------------------------------------------------------------------------------------------
# De-duplication: the batch run, the review queue, decisions and identity clusters


def _duplicates(world: World) -> tuple[Person, Person, Person]:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    first = person_create(actor=None, name="Yohanes Manafe", birth_date=BORN,
                          birth_place="Kupang", village=ntt)
    second = person_create(actor=None, name="Johanes Manafe", birth_date=BORN,
                           birth_place="Kab. Kupang", village=ntt)
    third = person_create(actor=None, name="Yohanis Manafe", birth_date=BORN,
                          birth_place="Kupang", village=ntt)
    return first, second, third


def test_it_runs_the_batch_job_into_the_review_queue(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    from lindung.core.models import BackgroundJob
    from lindung.people.dedupe import dedupe_run
    from lindung.people.dedupe import dedupe_start
    from lindung.people.models import DuplicatePair

    first, second, _third = _duplicates(world)
    summary = dedupe_run()
    assert summary.people == Person.objects.count()
    assert summary.pairs >= 2 and summary.new_pairs == summary.pairs
    pair = DuplicatePair.objects.get(person_a__in=[first, second], person_b__in=[first, second])
    assert pair.region_code == NTT_VILLAGE and pair.status == "open"
    assert pair.score >= 0.5 and {r["field"] for r in pair.reasons} >= {"name", "birth_date"}
    # A second run keeps decisions and finds nothing new; the job records its progress.
    with django_capture_on_commit_callbacks(execute=True):
        job = dedupe_start(actor=world.users["admin"])
    job.refresh_from_db()
    assert job.status == "done" and job.result["pairs"] == summary.pairs
    assert job.result["new_pairs"] == 0
    assert BackgroundJob.objects.filter(kind="people.dedupe").count() == 1


def test_it_records_reversible_decisions_and_links_identities(world: World) -> None:
    from lindung.people.dedupe import dedupe_run
    from lindung.people.dedupe import duplicate_pair_decide
    from lindung.people.dedupe import identity_of
    from lindung.people.models import DuplicateDecision
    from lindung.people.models import DuplicatePair

    first, second, third = _duplicates(world)
    dedupe_run()
    coordinator = world.users["coord_ntt"]
    pairs = {frozenset((p.person_a_id, p.person_b_id)): p for p in DuplicatePair.objects.all()}
    one = pairs[frozenset((first.pk, second.pk))]
    two = pairs[frozenset((second.pk, third.pk))]
    duplicate_pair_decide(actor=coordinator, pair=one, status="same", note="same KTP photo")
    duplicate_pair_decide(actor=coordinator, pair=two, status="same")
    assert set(identity_of(first)) == {second.pk, third.pk}
    first.refresh_from_db()
    assert first.name == "Yohanes Manafe"  # never overwritten
    duplicate_pair_decide(actor=coordinator, pair=one, status="open")  # undo
    assert identity_of(first) == []
    assert set(identity_of(second)) == {third.pk}
    history = list(DuplicateDecision.objects.filter(pair=one).order_by("created_at"))
    assert [(d.previous, d.status) for d in history] == [("open", "same"), ("same", "open")]
    assert history[0].created_by == coordinator
    # A later run keeps the decision of a pair found again.
    duplicate_pair_decide(actor=coordinator, pair=one, status="not_same")
    dedupe_run()
    assert DuplicatePair.objects.get(pk=one.pk).status == "not_same"
    with pytest.raises(Exception, match="Keputusan tidak dikenal"):
        duplicate_pair_decide(actor=coordinator, pair=one, status="merge")


def test_it_limits_decisions_to_staff_who_see_both_people(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    from lindung.people.dedupe import dedupe_run
    from lindung.people.dedupe import duplicate_pair_decide
    from lindung.people.models import DuplicatePair

    ntt = Region.objects.get(code=NTT_VILLAGE)
    jabar = Region.objects.get(code=JABAR_VILLAGE)
    person_create(actor=None, name="Yosef Nope", birth_date=BORN, village=ntt)
    person_create(actor=None, name="Yosef Nope", birth_date=BORN, village=jabar)
    dedupe_run()
    pair = DuplicatePair.objects.get()
    assert pair.region_code == ""  # two provinces: national staff only
    with pytest.raises(PermissionDenied):
        duplicate_pair_decide(actor=world.users["coord_ntt"], pair=pair, status="same")
    duplicate_pair_decide(actor=world.users["admin"], pair=pair, status="same")


@pytest.mark.parametrize(("role", "allowed"), [
    ("admin", True), ("coord_ntt", True), ("desk_kupang", True), ("coord_jabar", False),
    ("analyst", False), ("taskforce_kupang", False), ("village_officer", False),
])
def test_it_serves_the_review_queue_by_role_and_scope(world: World, role: str,
                                                      allowed: bool) -> None:
    from lindung.core.models import AuditEvent
    from lindung.people.dedupe import dedupe_run
    from lindung.people.models import DuplicatePair

    first, second, _third = _duplicates(world)
    dedupe_run()
    client = world.client_for(role)
    response = client.get(reverse("people:dedupe_queue"))
    role_may = role in ("admin", "coord_ntt", "desk_kupang", "coord_jabar")
    assert response.status_code == (200 if role_may else 403)
    if role_may:
        assert (first.name.encode() in response.content) == allowed
    pair = DuplicatePair.objects.filter(person_a__in=[first, second],
                                        person_b__in=[first, second]).get()
    response = client.post(reverse("people:dedupe_decide", args=[pair.pk]),
                           {"status": "not_same"}, HTTP_HX_REQUEST="true")
    assert response.status_code == (200 if allowed else (404 if role_may else 403))
    pair.refresh_from_db()
    assert (pair.status == "not_same") == allowed
    if allowed:
        assert b"Batalkan keputusan" in response.content
        assert AuditEvent.objects.filter(action="view", object_id=str(first.pk),
                                         detail__context="dedupe-queue").exists()


def test_it_starts_a_run_from_the_queue_and_shows_its_progress(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    from lindung.core.models import BackgroundJob

    _duplicates(world)
    admin = world.client_for("admin")
    assert b"Jalankan de-duplikasi" in admin.get(reverse("people:dedupe_queue")).content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("people:dedupe_start"))
    assert response.status_code == 302
    job = BackgroundJob.objects.get(kind="people.dedupe")
    fragment = admin.get(reverse("people:dedupe_job", args=[job.pk]))
    assert fragment.status_code == 200 and b"Selesai" in fragment.content
    coordinator = world.client_for("coord_ntt")
    assert b"Jalankan de-duplikasi" not in coordinator.get(
        reverse("people:dedupe_queue")).content
    assert coordinator.post(reverse("people:dedupe_start")).status_code == 403


def test_it_shows_linked_identities_on_the_person_page(world: World) -> None:
    from lindung.people.dedupe import dedupe_run
    from lindung.people.dedupe import duplicate_pair_decide
    from lindung.people.models import DuplicatePair

    first, second, _third = _duplicates(world)
    dedupe_run()
    pair = DuplicatePair.objects.get(person_a__in=[first, second], person_b__in=[first, second])
    duplicate_pair_decide(actor=world.users["admin"], pair=pair, status="same")
    page = world.client_for("coord_ntt").get(reverse("people:detail", args=[first.pk]))
    assert b"Orang yang sama" in page.content
    assert reverse("people:detail", args=[second.pk]).encode() in page.content


def test_it_runs_the_commands_with_a_progress_bar(world: World) -> None:
    import io

    from django.core.management import call_command

    _duplicates(world)
    out, err = io.StringIO(), io.StringIO()
    call_command("match_index", "--rebuild", stdout=out, stderr=err)
    assert "people indexed" in out.getvalue()
    call_command("dedupe", stdout=out, stderr=err)
    assert "pairs to review" in out.getvalue()
    assert "scoring" in err.getvalue()
