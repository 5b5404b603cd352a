"""The census households' keys that are blind indexes, recomputed under the current root
secret by `lindung keys_rotate` (core/reindex.py): "kk:<index>" from the household's
encrypted family card number, "head:<NIK index>" from the NIK of the member it was made
from (confirmed under a configured root first). A family-card key of a household recorded
before the number was kept cannot be recomputed: it is counted and kept."""

from __future__ import annotations

from typing import Literal

from lindung.core import crypto
from lindung.core import reindex
from lindung.people.models import Person
from lindung.villages.keys import clean_family_card
from lindung.villages.models import CensusHousehold


@reindex.register("households")
def households(keys: reindex.Keys) -> tuple[int, int]:
    current, configured = keys.current, keys.configured

    def index_for(census: CensusHousehold, prefix: str,
                  stored: str) -> str | Literal[False] | None:
        if prefix == "kk":
            number = census.household.family_card_number
            return (crypto.blind_index_under(current, "kk", clean_family_card(number))
                    if number else None)
        if prefix == "head" and len(stored) == 40 and "|" not in stored:
            niks = Person.objects.filter(household_id=census.household_id).exclude(
                nik="").order_by("household_relation").values_list("nik", flat=True)
            return reindex.rekeyed(stored, "nik", list(niks), current, configured)
        # the sheet's own household number, or a head without NIK: no index
        return reindex.NOT_AN_INDEX

    rows = CensusHousehold.objects.select_related("household").only(
        "pk", "household_key", "household_id", "household__family_card_number")
    return reindex.rewrite_prefixed(rows, "household_key", keys.batch, index_for)
