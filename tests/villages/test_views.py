"""The Desmigratif pages: every role x every page x a record in and out of scope, the
forms' error paths, and the HTMX progress fragment."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.fixtures.permissions import expected_status
from tests.fixtures.villages import VillageData

ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine"]
NTT_SCOPE = {"admin", "coord_ntt", "desk_kupang", "village_officer"}  # see NTT village 53.01.05
VILLAGE_VIEW = {"admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang",
                "desk_kupang", "village_officer"}
CENSUS = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
          "village_officer"}
SERVICES = {"admin", "coord_ntt", "coord_jabar", "desk_kupang", "village_officer"}
WORKERS = {"admin", "coord_ntt", "coord_jabar", "village_officer"}  # pillars 2-4
INDICATORS = {"admin", "analyst", "coord_ntt", "coord_jabar", "village_officer"}


def _rule(role_may: set[str], in_scope: set[str]) -> Callable[[str], int]:
    """The matrix's one rule (tests/fixtures/permissions.py); national roles see every
    village."""
    return lambda role: expected_status(role, role_may, in_scope | {"admin", "analyst"})


PAGES: list[tuple[str, Callable[[VillageData], str], Callable[[str], int]]] = [
    ("home", lambda d: reverse("villages:home"), lambda r: 200 if r in VILLAGE_VIEW else 403),
    ("indicators", lambda d: reverse("villages:indicators"),
     lambda r: 200 if r in INDICATORS else 403),
    ("village", lambda d: reverse("villages:detail", args=[d.villages.ntt.pk]),
     _rule(VILLAGE_VIEW, NTT_SCOPE)),
    ("village report", lambda d: reverse("villages:report", args=[d.villages.ntt.pk]),
     lambda r: {"admin": 200, "analyst": 200, "coord_ntt": 200, "village_officer": 200,
                "coord_jabar": 404, "taskforce_kupang": 404, "desk_kupang": 403}.get(r, 403)),
    ("households", lambda d: reverse("villages:households", args=[d.villages.ntt.pk]),
     _rule(CENSUS, NTT_SCOPE)),
    ("household", lambda d: reverse("villages:household", args=[d.household.pk]),
     _rule(CENSUS, NTT_SCOPE)),
    ("jabar household", lambda d: reverse("villages:household", args=[d.jabar_household.pk]),
     lambda r: 403 if r not in CENSUS else 200 if r in {"admin", "coord_jabar"} else 404),
    ("household create",
     lambda d: reverse("villages:household_create", args=[d.villages.ntt.pk]),
     lambda r: 403 if r not in CENSUS or r in {"taskforce_kupang", "desk_kupang"}
     else 200 if r in NTT_SCOPE else 404),
    ("imports", lambda d: reverse("villages:imports", args=[d.villages.ntt.pk]),
     _rule(CENSUS, NTT_SCOPE)),
    ("import", lambda d: reverse("villages:import", args=[d.census_import.pk]),
     _rule(CENSUS, NTT_SCOPE)),
    ("import errors", lambda d: reverse("villages:import_errors", args=[d.census_import.pk]),
     _rule(CENSUS, NTT_SCOPE)),
    ("services", lambda d: reverse("villages:services", args=[d.villages.ntt.pk]),
     _rule(SERVICES, NTT_SCOPE)),
    ("stay return", lambda d: reverse("villages:stay_return", args=[d.stay.pk]),
     lambda r: 403 if r not in WORKERS else 200 if r in NTT_SCOPE else 404),
    ("child card", lambda d: reverse("villages:child_card", args=[d.child.pk]),
     lambda r: 403 if r not in WORKERS else 200 if r in NTT_SCOPE else 404),
    ("businesses", lambda d: reverse("villages:businesses", args=[d.villages.ntt.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("business", lambda d: reverse("villages:business", args=[d.group.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("trainings", lambda d: reverse("villages:trainings", args=[d.villages.ntt.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("training", lambda d: reverse("villages:training", args=[d.training.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("parenting", lambda d: reverse("villages:parenting", args=[d.villages.ntt.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("activity", lambda d: reverse("villages:activity", args=[d.activity.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("cooperative", lambda d: reverse("villages:cooperative", args=[d.villages.ntt.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("member", lambda d: reverse("villages:member", args=[d.member.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("statement", lambda d: reverse("villages:member_statement", args=[d.member.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("loan", lambda d: reverse("villages:loan", args=[d.loan.pk]), _rule(WORKERS, NTT_SCOPE)),
    ("ledger", lambda d: reverse("villages:ledger", args=[d.cooperative.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("entry", lambda d: reverse("villages:entry", args=[d.entry.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("remittances", lambda d: reverse("villages:remittances", args=[d.villages.ntt.pk]),
     _rule(WORKERS, NTT_SCOPE)),
    ("remittance", lambda d: reverse("villages:remittance", args=[d.remittance.pk]),
     _rule(WORKERS, NTT_SCOPE)),
]


def _normalise(role: str, expected: int) -> int:
    # The analyst sees programme villages and indicators, no pillar records.
    return expected


@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_it_applies_the_matrix(village_data: VillageData,
                               page: tuple[str, Callable[[VillageData], str],
                                           Callable[[str], int]]) -> None:
    name, url, expected = page
    failures = []
    for role in ROLES:
        response = village_data.villages.client_for(role).get(url(village_data))
        if response.status_code != expected(role):
            failures.append((role, response.status_code, expected(role)))
    assert failures == [], name


@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_it_sends_anonymous_users_to_login(village_data: VillageData,
                                           page: tuple[str, Callable[[VillageData], str],
                                                       Callable[[str], int]]) -> None:
    from django.test import Client

    response = Client().get(page[1](village_data))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_edit_form_opens_filled_and_saving_one_field_keeps_the_others(
        village_data: VillageData) -> None:
    village = village_data.villages.ntt
    village.status = "active"
    village.post_address = "Kantor Desa Oenesu, Jl. Timor Raya"
    village.save()
    client = village_data.villages.client_for("coord_ntt")
    url = reverse("villages:edit", args=[village.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kantor Desa Oenesu, Jl. Timor Raya" in html
    assert 'value="active" selected' in html
    form = page.context["form"]
    data = {name: ("on" if value is True else "" if value in (None, False) else value)
            for name, value in form.initial.items()}
    data.update({"action": "save", "note": "Pos dibuka Senin-Jumat"})
    response = client.post(url, {k: v for k, v in data.items() if v != ""})
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.status == "active"
    assert village.post_address == "Kantor Desa Oenesu, Jl. Timor Raya"
    assert village.note == "Pos dibuka Senin-Jumat"
