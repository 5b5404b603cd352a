"""One key per purpose, and rotation of the root secret."""

from __future__ import annotations

import pytest
from django.test import override_settings

from lindung.common import keys


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
