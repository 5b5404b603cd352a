"""One key per purpose, and rotation of the root secret."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from lindung.common import keys, sealed
from lindung.core import crypto
from lindung.people.models import Person
from lindung.people.selectors import person_search
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.reports.services import Submitted, report_by_receipt, report_submit
from tests.conftest import NTT_VILLAGE, World


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
            # Look-up by NIK still finds the person (the blind index keeps the oldest root).
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
