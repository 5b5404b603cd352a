"""One bilingual mechanism (issues 16 and 20): a message reaches the user in ONE language,
theirs, through the message catalogue (Bahasa Indonesia is the msgid, English is in
locale/en). No hand-written "Indonesian / English" literal comes back in the modules that
were converted, and the API answers in the language of the request like the pages."""

from __future__ import annotations

import ast
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.models import FollowUp
from lindung.coordination.rules import follow_up_condition
from lindung.coordination.units import check_value
from tests.conftest import World

SRC = Path(__file__).resolve().parents[2] / "src" / "lindung"

# The modules whose messages go through the catalogue only.
CONVERTED = [
    "accounts/api.py", "api/auth.py", "api/errors.py", "coordination/api.py",
    "coordination/rules.py", "coordination/services/stakeholders.py", "coordination/units.py",
    "coordination/views/plan.py", "ltsa/services/payments.py", "ltsa/services/port.py",
    "ltsa/services/reference.py", "ltsa/views/manage.py", "people/api.py", "prevention/api.py",
    "reports/api.py", "reports/models.py", "reports/services/cases.py",
    "reports/services/referrals.py", "screening/models.py", "screening/views.py",
    "screening/watchlist_api.py", "site/errors.py",
]

# " / " then a word or a placeholder: "Akses ditolak / Access denied", "{x} / {y} is ...".
# Dates, paths and URLs ("06/12/2026", "/ltsa/track/", "a/b") have no spaces round the slash.
DOUBLE = re.compile(r" / (\{\}|[A-Za-z])")

# Deliberately in both languages, with the reason.
ALLOWED = {
    # Mail to an agency's address: the recipient's language is not known, so the subject
    # (and the body) carry both; it is not an answer to the request that caused it.
    ("ltsa/services/payments.py", "Pengaduan biaya LTSA {} / LTSA overcharge complaint"),
    ("reports/services/referrals.py", "Rujukan baru dari Lindung / New referral from Lindung"),
}


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its placeholders read as "{}"
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "{}"
                       for part in node.values)
    return None


def double_messages(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string constant written in two languages, docstrings aside."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # a docstring or a bare string: not a message
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)  # judged as the whole f-string
    found = []
    for node in ast.walk(tree):
        text = None if id(node) in skipped else _text(node)
        if text is not None and DOUBLE.search(text):
            found.append((getattr(node, "lineno", 0), text))
    return sorted(found)


def test_the_scan_finds_a_double_message_and_passes_a_date_or_a_path() -> None:
    source = ('raise ValidationError({"date": "Tanggal tidak boleh di masa depan / '
              'The date cannot be in the future"})\n'
              'x = f"{what_id} bukan angka / {what_en} is not a number"\n'
              'y = "06 / 12 / 2026"\nz = "/ltsa/track/"\nw = "a/b"\n'
              'def f():\n    """Indonesian / English docstrings describe, they are not shown."""\n')
    assert [line for line, _text in double_messages(source)] == [1, 2]


@pytest.mark.parametrize("relative", CONVERTED)
def test_no_hand_written_indonesian_english_message_comes_back(relative: str) -> None:
    path = SRC / relative
    assert path.exists(), f"{relative} moved: update CONVERTED"
    found = [(line, text) for line, text in double_messages(path.read_text(encoding="utf-8"))
             if (relative, text) not in ALLOWED]
    assert not found, (
        f"{relative}: write the message once, in Bahasa Indonesia, through gettext "
        f"(`_(...)` with %(name)s placeholders) and put the English in locale/en: {found}")


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_api_refusals_follow_the_request_language(world: World) -> None:
    url = f"/api/v1/people/{world.ntt_person.pk}"
    indonesian = world.client_for("analyst").get(url)
    assert indonesian.status_code == 403 and indonesian.json()["detail"] == "Akses ditolak"
    english = _english(world.client_for("analyst")).get(url)
    assert english.status_code == 403 and english.json()["detail"] == "Access denied"
    assert english["Content-Language"] == "en"
    missing = _english(world.client_for("coord_jabar")).get(url)
    assert missing.status_code == 404 and missing.json()["detail"] == "Not found"
    assert world.client_for("coord_jabar").get(url).json()["detail"] == "Tidak ditemukan"
    # The site's own 404 handler (no API route at all) answers the same way.
    assert Client().get("/api/v1/no-such-endpoint").json()["detail"] == "Tidak ditemukan"
    assert _english(Client()).get("/api/v1/no-such-endpoint").json()["detail"] == "Not found"


def test_api_unauthenticated_answer_is_in_the_request_language(db: None) -> None:
    assert Client().get("/api/v1/people/").json()["detail"] == (
        "Perlu token API atau sesi masuk")
    assert _english(Client()).get("/api/v1/people/").json()["detail"] == (
        "Authentication required")


def test_api_validation_errors_follow_the_request_language(world: World) -> None:
    url = "/api/v1/prevention/statistics?region_code=32"  # Jawa Barat: outside NTT
    indonesian = world.client_for("coord_ntt").get(url)
    assert indonesian.status_code == 422
    assert indonesian.json()["detail"] == [
        {"field": "region_code", "message": "Wilayah di luar lingkup Anda"}]
    english = _english(world.client_for("coord_ntt")).get(url)
    assert english.json()["detail"] == [
        {"field": "region_code", "message": "Region outside your scope"}]


def test_api_schema_errors_follow_the_request_language(world: World) -> None:
    url = "/api/v1/prevention/statistics?year=soon"
    indonesian = world.client_for("coord_ntt").get(url)
    assert indonesian.status_code == 422
    message = indonesian.json()["detail"][0]["message"]
    assert message.startswith("year: ") and " / " not in message
    english = _english(world.client_for("coord_ntt")).get(url).json()["detail"][0]["message"]
    assert english.startswith("year: ") and english != message and " / " not in english


def test_a_unit_refusal_names_the_value_in_one_language() -> None:
    with pytest.raises(ValidationError) as indonesian:
        check_value("people", Decimal("2.5"), field="value", what_id="Nilai capaian",
                    what_en="Reported value")
    assert indonesian.value.message_dict["value"] == [
        "Nilai capaian 2.5 harus bilangan bulat untuk satuan 'orang'"]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        check_value("people", Decimal("2.5"), field="value", what_id="Nilai capaian",
                    what_en="Reported value")
    assert english.value.message_dict["value"] == [
        "Reported value 2.5 must be a whole number for the unit 'people'"]


def test_an_overdue_flag_says_its_days_with_the_plural_of_the_language() -> None:
    follow_up = FollowUp(status=FollowUpStatus.OPEN, deadline=date(2026, 12, 4))
    one = follow_up_condition(follow_up, date(2026, 12, 5))
    assert one is not None and one[1] == "Lewat tenggat 4 Des. 2026 (1 hari)"
    with translation.override("en"):
        one = follow_up_condition(follow_up, date(2026, 12, 5))
        three = follow_up_condition(follow_up, date(2026, 12, 7))
    assert one is not None and one[1].startswith("Past its deadline ")
    assert one[1].endswith("(1 day)")
    assert three is not None and three[1].endswith("(3 days)") and "Des." not in three[1]
