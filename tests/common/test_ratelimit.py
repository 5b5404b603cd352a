"""The kernel's rate limiter: named policies of fixed windows in a table nothing culls."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from lindung.common import ratelimit
from lindung.common.models import RateCounter
from lindung.common.ratelimit import Policy
from lindung.common.ratelimit import Window

POLICY = Policy("test-policy", (Window(3, 60), Window(5, 3600)))


@pytest.mark.django_db
def test_it_counts_each_window_and_refuses_past_the_limit() -> None:
    assert not ratelimit.exceeded(POLICY, subject="a")
    assert [ratelimit.hit(POLICY, subject="a") for _ in range(4)] == [False, False, False, True]
    assert ratelimit.exceeded(POLICY, subject="a")
    assert ratelimit.used(POLICY, subject="a") == 4
    assert not ratelimit.exceeded(POLICY, subject="b")  # another subject is not counted


@pytest.mark.django_db
def test_a_new_window_starts_from_one_and_the_longer_window_still_counts() -> None:
    for _ in range(3):
        ratelimit.hit(POLICY, subject="a")
    RateCounter.objects.filter(key__startswith="test-policy:60:").update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert not ratelimit.exceeded(POLICY, subject="a")
    assert ratelimit.used(POLICY, subject="a") == 0
    assert not ratelimit.hit(POLICY, subject="a")
    assert ratelimit.used(POLICY, subject="a") == 1
    assert RateCounter.objects.get(key="test-policy:3600:a").count == 4
    ratelimit.hit(POLICY, subject="a")
    assert ratelimit.hit(POLICY, subject="a")  # the hour's fifth was used: sixth is over


@pytest.mark.django_db
def test_expired_counters_are_deleted_as_new_ones_are_written() -> None:
    ratelimit.hit(POLICY, subject="old")
    RateCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    ratelimit.hit(POLICY, subject="new")
    assert not RateCounter.objects.filter(key__endswith=":old").exists()


@pytest.mark.django_db
def test_reset_forgets_a_subject() -> None:
    for _ in range(4):
        ratelimit.hit(POLICY, subject="a")
    ratelimit.reset(POLICY, subject="a")
    assert not ratelimit.exceeded(POLICY, subject="a")


@pytest.mark.django_db
def test_requests_are_counted_by_client_never_by_address_in_clear() -> None:
    factory = RequestFactory()
    one = factory.post("/", REMOTE_ADDR="198.51.100.4")
    two = factory.post("/", REMOTE_ADDR="198.51.100.5")
    for _ in range(3):
        ratelimit.request_hit(one, POLICY)
    assert ratelimit.request_exceeded(one, POLICY)
    assert not ratelimit.request_exceeded(two, POLICY)
    assert not any("198.51" in key for key in RateCounter.objects.values_list("key", flat=True))
