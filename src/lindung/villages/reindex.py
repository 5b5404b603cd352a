"""The census households' keys that are blind indexes, recomputed under the current root
secret by `lindung keys_rotate` (core/reindex.py): "kk:<index>" from the household's
encrypted family card number, "head:<NIK index>" from the NIK of the member it was made
from (confirmed under a configured root first). A family-card key of a household recorded
before the number was kept cannot be recomputed: it is counted and kept."""

from __future__ import annotations

from lindung.core import crypto, reindex
from lindung.people.models import Person
from lindung.villages.keys import clean_family_card
from lindung.villages.models import CensusHousehold


@reindex.register("households")
def households(keys: reindex.Keys) -> tuple[int, int]:
    current, configured = keys.current, keys.configured
    kept = 0

    def change(census: CensusHousehold) -> bool:
        nonlocal kept
        prefix, _, stored = census.household_key.partition(":")
        if prefix == "kk":
            number = census.household.family_card_number
            index = (crypto.blind_index_under(current, "kk", clean_family_card(number))
                     if number else None)
        elif prefix == "head" and len(stored) == 40 and "|" not in stored:
            niks = Person.objects.filter(household_id=census.household_id).exclude(
                nik="").order_by("household_relation").values_list("nik", flat=True)
            index = reindex.rekeyed(stored, "nik", list(niks), current, configured)
        else:  # the sheet's own household number, or a head without NIK: no index
            return False
        if index is None:
            kept += 1
            return False
        key = f"{prefix}:{index}"
        if key == census.household_key:
            return False
        census.household_key = key
        return True

    rows = CensusHousehold.objects.select_related("household").only(
        "pk", "household_key", "household_id", "household__family_card_number")
    changed = reindex.rewrite(rows, ["household_key"], keys.batch, change)
    return changed, kept
