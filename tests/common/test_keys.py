"""One key per purpose, and rotation of the root secret."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from lindung.common import keys
from lindung.common import sealed
from lindung.core import crypto
from lindung.people.models import Person
from lindung.people.selectors import person_search
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.reports.services import Submitted
from lindung.reports.services import report_by_receipt
from lindung.reports.services import report_submit
from tests.conftest import NTT_VILLAGE
from tests.conftest import World
from tests.fixtures.villages import Villages


def test_each_purpose_has_its_own_key() -> None:
    derived = {purpose: keys.key(purpose) for purpose in keys.PURPOSES}
    assert len(set(derived.values())) == len(keys.PURPOSES)
    assert all(len(value) == 32 for value in derived.values())
    with pytest.raises(ValueError):
        keys.key("anything-else")


def test_rotation_keeps_old_keys_after_the_new_one() -> None:
    with override_settings(SECRET_KEY="old-root-" + "x" * 40, SECRET_KEY_FALLBACKS=[]):
        old = keys.digest("sender-handle", "sms:6281211112222")
    with override_settings(SECRET_KEY="new-root-" + "y" * 40,
                           SECRET_KEY_FALLBACKS=["old-root-" + "x" * 40]):
        now = keys.digests("sender-handle", "sms:6281211112222")
        assert now[0] == keys.digest("sender-handle", "sms:6281211112222") != old
        assert now[1] == old  # data written under the old root is still found
    with override_settings(SECRET_KEY="new-root-" + "y" * 40, SECRET_KEY_FALLBACKS=[]):
        assert keys.digests("sender-handle", "sms:6281211112222") == [now[0]]


@pytest.mark.django_db
def test_a_root_rotation_drill(tmp_path: Path, world: World) -> None:
    """The key-compromise drill of docs/security.md: a new root with the old one as a
    fallback keeps everything readable, `keys_rotate` rewrites encrypted fields and sealed
    files, and once the old root is dropped nothing needs it any more."""
    old, new = "old-root-" + "a" * 50, "new-root-" + "b" * 50
    fixtures_root = settings.SECRET_KEY  # the users and people of `world` were written under it
    with override_settings(SECRET_KEY=old, SECRET_KEY_FALLBACKS=[], MEDIA_ROOT=str(tmp_path)):
        crypto.reset_caches()
        person = person_create(actor=None, name="Rotasi Kunci", nik="5301054506990011",
                               village=Region.objects.get(code=NTT_VILLAGE))
        blob = tmp_path / "census" / "sheet.sealed"
        blob.parent.mkdir()
        blob.write_bytes(sealed.seal(b"NIK 5301054506990011"))
        receipt = submit_report()
    try:
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[fixtures_root, old],
                               MEDIA_ROOT=str(tmp_path)):
            crypto.reset_caches()
            assert Person.objects.get(pk=person.pk).nik == "5301054506990011"
            assert report_by_receipt(code=receipt.receipt_code).pk == receipt.report.pk
            # Look-up by NIK still finds the person (the blind indexes stay under the oldest
            # root until `keys_rotate` recomputes them).
            assert person_search(user=world.users["admin"], query="5301054506990011"
                                 ).filter(pk=person.pk).exists()
            call_command("keys_rotate", stdout=io.StringIO())
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[],
                               MEDIA_ROOT=str(tmp_path)):
            crypto.reset_caches()
            assert Person.objects.get(pk=person.pk).nik == "5301054506990011"
            assert sealed.unseal(blob.read_bytes()) == b"NIK 5301054506990011"
    finally:
        crypto.reset_caches()


def submit_report() -> Submitted:
    return report_submit(actor=None, channel="web", category="broker",
                         description="Calo di desa")


@pytest.mark.django_db
def test_the_drill_recomputes_the_blind_indexes_so_the_old_root_can_go(
        tmp_path: Path, villages: Villages) -> None:
    """Issue 18 item 12: the blind indexes (people's NIK and passport, the watchlist, the
    census households' keys, alert subjects) were kept under the oldest root for ever.
    `keys_rotate` recomputes them under the new root; with the old root dropped, the NIK
    search, the passport search, the duplicate-NIK check and the household keys still work,
    and a second run changes nothing."""
    from django.core.exceptions import ValidationError

    from lindung.common.models import KeyState
    from lindung.people.models import WatchlistEntry
    from lindung.people.services import watchlist_entry_add
    from lindung.villages.services.census import MemberInput
    from lindung.villages.services.census import census_household_create

    world = villages.world
    admin = world.users["admin"]
    # The database as it is: written under the test settings' root, the one to rotate out.
    old, new = settings.SECRET_KEY, "new-root-" + "d" * 50
    nik, passport, kk = "5301054506990011", "C1234567", "5301050101170001"
    head_nik = "5301051203800001"
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        crypto.reset_caches()
        old_index = crypto.blind_index("nik", nik)
        person = person_create(actor=None, name="Rotasi Kunci", nik=nik,
                               passport_number=passport,
                               village=Region.objects.get(code=NTT_VILLAGE))
        entry = watchlist_entry_add(actor=None, kind="recruiter", name="Calo Rotasi",
                                    source_entity="test", source_id="1", nik=head_nik)
        by_card = census_household_create(
            actor=None, programme_village=villages.ntt, family_card_number=kk,
            head=MemberInput(name="Yohanes Benu", relation="head", nik=head_nik))
        by_head = census_household_create(
            actor=None, programme_village=villages.ntt,
            head=MemberInput(name="Salomi Tefa", relation="head", nik="5301056102750003"))
    assert person.nik_index == old_index
    try:
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old],
                               MEDIA_ROOT=str(tmp_path)):
            crypto.reset_caches()
            assert crypto.blind_index("nik", nik) == old_index  # not re-indexed yet
            out = io.StringIO()
            call_command("keys_rotate", stdout=out)
            assert "re-indexed" in out.getvalue() and "not recomputable" not in out.getvalue()
            new_index = crypto.blind_index("nik", nik)
            assert new_index != old_index
            assert Person.objects.get(pk=person.pk).nik_index == new_index
            assert KeyState.objects.get(purpose="blind-index").reindexing is False
            again = io.StringIO()
            call_command("keys_rotate", stdout=again)  # idempotent: nothing left to do
            counts = again.getvalue().splitlines()[-1].removeprefix("re-indexed ").split(", ")
            assert {"0 people", "0 watchlist entries", "0 households", "0 alerts"} == set(counts)
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[],
                               MEDIA_ROOT=str(tmp_path)):
            crypto.reset_caches()
            assert person_search(user=admin, query=nik).filter(pk=person.pk).exists()
            assert person_search(user=admin, query=passport).filter(pk=person.pk).exists()
            with pytest.raises(ValidationError) as duplicate:
                person_create(actor=None, name="Orang Lain", nik=nik)
            assert "nik" in duplicate.value.message_dict
            assert WatchlistEntry.objects.get(pk=entry.pk).nik_index == crypto.blind_index(
                "nik", head_nik)
            for household in (by_card, by_head):  # the same household is recognised again
                with pytest.raises(ValidationError, match="sudah tercatat di desa ini"):
                    census_household_create(
                        actor=None, programme_village=villages.ntt,
                        family_card_number=kk if household is by_card else "",
                        head=MemberInput(name="Salomi Tefa", relation="head",
                                         nik="5301056102750003"))
    finally:
        crypto.reset_caches()


@pytest.mark.django_db
def test_dropping_the_indexes_root_before_re_indexing_them_is_refused(world: World) -> None:
    """Once the indexes name their root, a configuration without it cannot compute an
    index that would silently miss every stored one: it says what to do instead."""
    from lindung.common.models import KeyState

    old, new = "old-root-" + "e" * 50, "new-root-" + "f" * 50
    try:
        with override_settings(SECRET_KEY=old, SECRET_KEY_FALLBACKS=[]):
            KeyState.objects.create(purpose="blind-index",
                                    fingerprint=keys.fingerprint(keys.key("blind-index")))
            crypto.reset_caches()
            crypto.blind_index("nik", "5301054506990011")
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[]):
            crypto.reset_caches()
            with pytest.raises(crypto.IndexKeyError, match="LINDUNG_SECRET_KEY_FALLBACKS"):
                crypto.blind_index("nik", "5301054506990011")
        KeyState.objects.filter(purpose="blind-index").update(reindexing=True)
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old]):
            crypto.reset_caches()
            with pytest.raises(crypto.IndexKeyError, match="keys_rotate"):
                crypto.blind_index("nik", "5301054506990011")
    finally:
        crypto.reset_caches()


@pytest.mark.django_db
def test_an_open_alert_still_gathers_its_hits_after_the_old_root_is_gone(
        world: World) -> None:
    """An alert's subject is a blind index (of the passenger's NIK, passport, or name and
    birth date): re-indexed, a later manifest with the same passenger adds to it."""
    from django.utils import timezone

    from lindung.screening import services
    from lindung.screening.manifest import validate_records
    from lindung.screening.models import Alert

    today = timezone.localdate()
    row = {"name": "Agustinus Lake", "birth_date": today.replace(year=today.year - 11)
           .isoformat()}

    def submit() -> None:
        validation = validate_records([row], today=today)
        services.manifest_submit(actor=world.users["taskforce_kupang"],
                                 site=world.embarkation, departure_date=today,
                                 passengers=validation.passengers)

    submit()
    subject = Alert.objects.get().subject
    assert subject.startswith("name:")
    new = "new-root-" + "g" * 50
    try:
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
            crypto.reset_caches()
            call_command("keys_rotate", stdout=io.StringIO())
        with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[]):
            crypto.reset_caches()
            assert Alert.objects.get().subject != subject
            submit()
            alert = Alert.objects.get()
            assert alert.hit_count == 2
    finally:
        crypto.reset_caches()
