"""The permission matrix: every role x every staff view x a record in and out of scope."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.fixtures.permissions import expected_status

ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine"]

# role -> may it open the page at all (list/create pages)
PERSON_ROLES = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
                "village_officer"}
# role -> sees the NTT person (village 53.01.05.1001)
SEES_NTT_PERSON = {"admin", "coord_ntt", "village_officer"}
# Kota Kupang's task force and Kab. Kupang's desk officer see Kab. Kupang? The desk officer's
# scope is 53.01 (Kab. Kupang) so yes; the task force's scope is 53.71 (Kota Kupang): no.
SEES_NTT_PERSON |= {"desk_kupang"}
SEES_JABAR_PERSON = {"admin", "coord_jabar"}
STAFF = set(ROLES) - {"machine"}


PAGES: list[tuple[str, Callable[[World], str], Callable[[str], int]]] = [
    # Each role lands on its work (issue 15): the analyst is sent to the statistics and the
    # desk officer to their desk queue; the overview stays open to every staff role.
    ("staff home", lambda w: reverse("site:staff_home"),
     lambda r: (302 if r in {"analyst", "desk_kupang"} else 200) if r in STAFF else 403),
    ("staff overview", lambda w: reverse("site:staff_home") + "?overview=1",
     lambda r: 200 if r in STAFF else 403),
    ("person search", lambda w: reverse("people:list") + "?q=maria",
     lambda r: expected_status(r, PERSON_ROLES)),
    ("person create", lambda w: reverse("people:create"),
     lambda r: expected_status(r, PERSON_ROLES)),
    ("person in NTT", lambda w: reverse("people:detail", args=[w.ntt_person.pk]),
     lambda r: expected_status(r, PERSON_ROLES, SEES_NTT_PERSON)),
    ("edit person in NTT", lambda w: reverse("people:edit", args=[w.ntt_person.pk]),
     lambda r: expected_status(r, PERSON_ROLES, SEES_NTT_PERSON)),
    ("family link in NTT", lambda w: reverse("people:family_link_add", args=[w.ntt_person.pk]),
     lambda r: expected_status(r, PERSON_ROLES, SEES_NTT_PERSON)),
    ("person in Jawa Barat", lambda w: reverse("people:detail", args=[w.jabar_person.pk]),
     lambda r: expected_status(r, PERSON_ROLES, SEES_JABAR_PERSON)),
    ("audit log", lambda w: reverse("core:audit_log"),
     lambda r: 200 if r in STAFF else 403),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_it_applies_the_matrix(world: World, role: str,
                               page: tuple[str, Callable[[World], str], Callable[[str], int]]
                               ) -> None:
    _, url, expected = page
    response = world.client_for(role).get(url(world))
    assert response.status_code == expected(role), (role, page[0])
    if response.status_code in (403, 404):  # never a bare error page
        assert 'aria-label="Menu utama"' in response.content.decode(), (role, page[0])


@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_it_sends_anonymous_users_to_login(world: World,
                                           page: tuple[str, Callable[[World], str],
                                                       Callable[[str], int]]) -> None:
    from django.test import Client

    response = Client().get(page[1](world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_keeps_audit_entries_within_scope(world: World) -> None:
    from lindung.people.services import person_viewed

    person_viewed(actor=world.users["coord_jabar"], person=world.jabar_person)
    person_viewed(actor=world.users["coord_ntt"], person=world.ntt_person)
    ntt_page = world.client_for("coord_ntt").get(reverse("core:audit_log")).content.decode()
    assert str(world.ntt_person.pk)[:10] in ntt_page
    assert "coord_jabar" not in ntt_page
    # A village officer reads only their own trail.
    own = world.client_for("village_officer").get(reverse("core:audit_log")).content.decode()
    assert "coord_ntt" not in own


def test_it_masks_identity_numbers_for_roles_without_the_need(world: World) -> None:
    url = reverse("people:detail", args=[world.ntt_person.pk])
    full = world.client_for("coord_ntt").get(url).content.decode()
    masked = world.client_for("village_officer").get(url).content.decode()
    assert "5301054506990003" in full
    assert "5301054506990003" not in masked
    assert "530105••••••••••" in masked
