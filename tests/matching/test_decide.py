"""Decisions that know their uncertainty: "match" only when one person fits clearly better
than every other (the margin), else "check" listing every close candidate."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lindung.matching.decide import MATCH_MARGIN
from lindung.matching.decide import identify
from lindung.matching.result import MatchResult
from lindung.matching.result import decision_for
from lindung.people.dedupe import duplicate_pair_decide
from lindung.people.matching import Probe
from lindung.people.matching import identify_people
from lindung.people.matching import key_frequencies_refresh
from lindung.people.models import DuplicatePair
from lindung.people.services import person_create
from tests.conftest import World

BORN = date(1988, 6, 21)


def _result(log_odds: float) -> MatchResult:
    import math

    score = 1 / (1 + math.exp(-log_odds))
    return MatchResult(score, decision_for(score), [], log_odds)


def _identify(*log_odds: float) -> tuple[str, list[float], float | None, bool]:
    hits = [_result(value) for value in log_odds]
    found = identify(hits, lambda hit: hit)
    return (found.verdict, [hit.log_odds for hit in found.candidates], found.margin,
            found.ambiguous)


def test_a_clear_best_is_a_match_with_its_margin() -> None:
    assert _identify(9.0) == ("match", [9.0], None, False)
    verdict, candidates, margin, ambiguous = _identify(1.0, 9.0)
    assert (verdict, candidates, ambiguous) == ("match", [9.0], False)
    assert margin == 8.0


def test_two_people_who_fit_alike_are_a_check_listing_both() -> None:
    verdict, candidates, margin, ambiguous = _identify(8.0, 9.0, 0.5)
    assert verdict == "check" and ambiguous
    assert candidates == [9.0, 8.0]  # 0.5 is far behind: not listed
    assert margin == 1.0 < MATCH_MARGIN


def test_a_candidate_below_possible_neither_competes_nor_is_listed() -> None:
    assert _identify(9.0, -1.0) == ("match", [9.0], None, False)
    assert _identify(-1.0, -3.0) == ("no_match", [], None, False)
    verdict, candidates, _margin, ambiguous = _identify(1.0, 0.5)
    assert (verdict, candidates, ambiguous) == ("check", [1.0, 0.5], True)


def test_records_known_to_be_one_person_do_not_compete() -> None:
    first, second = _result(9.0), _result(8.5)
    found = identify([first, second], lambda hit: hit, same=lambda a, b: True)
    assert found.verdict == "match" and found.best is first and not found.ambiguous


def test_it_identifies_over_the_registry_with_homonyms_and_clusters(world: World) -> None:
    one = person_create(actor=None, name="Sumiati", birth_date=BORN, birth_place="Blitar",
                        sex="F")
    two = person_create(actor=None, name="Sumiati", birth_date=BORN, birth_place="Blitar",
                        sex="F")
    alone = person_create(actor=None, name="Yohana Manafe Tallo", birth_date=BORN,
                          birth_place="Soe", sex="F")
    key_frequencies_refresh()
    probes = [Probe(name="SUMIATI", birth_date=BORN, birth_place="Blitar", sex="P"),
              Probe(name="Yohana Manafe Tallo", birth_date=BORN, birth_place="Soe", sex="F"),
              Probe(name="Kornelis Benu", birth_date=date(1970, 1, 2))]
    homonyms, clear, nobody = identify_people(probes)
    assert homonyms.verdict == "check" and homonyms.ambiguous
    assert {hit.id for hit in homonyms.candidates} == {one.pk, two.pk}
    assert clear.verdict == "match" and clear.best is not None and clear.best.id == alone.pk
    assert nobody.verdict == "no_match" and nobody.candidates == ()
    # Once the review queue decides the two records are one person, they stop competing.
    first, second = sorted((one, two), key=lambda p: p.pk.hex)
    pair = DuplicatePair.objects.create(person_a=first, person_b=second, score=0.99,
                                        decision="match", reasons=[],
                                        seen_at=timezone.now())
    duplicate_pair_decide(actor=world.users["admin"], pair=pair, status="same")
    [merged] = identify_people(probes[:1])
    assert not merged.ambiguous and merged.best is not None
    assert merged.best.id in {one.pk, two.pk}
