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

# " / " then a word or a placeholder: "Akses ditolak / Access denied", "{x} / {y} is ...".
# Dates, paths and URLs ("06/12/2026", "/ltsa/track/", "a/b") have no spaces round the slash.
DOUBLE = re.compile(r" / (\{\}|[A-Za-z])")

# The message catalogue's calls: their argument is one msgid, translated there (an Indonesian
# label may itself hold a slash: "Rumah aman / penampungan").
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
           "pgettext", "pgettext_lazy"}

# Deliberately in both languages, or not a sentence in a language at all, with the reason.
ALLOWED = {
    # Mail to an agency's or a new user's address: the recipient's language is not known, so
    # the subject (and the body) carry both; it is not an answer to the request that caused it.
    ("ltsa/services/payments.py", "Pengaduan biaya LTSA {} / LTSA overcharge complaint"),
    ("reports/services/referrals.py", "Rujukan baru dari Lindung / New referral from Lindung"),
    ("accounts/services/users.py", "Lindung: undangan akun / account invitation"),
    ("accounts/services/users.py", "Lindung: atur ulang kata sandi / password reset"),
    # Formulas of the metrics' query descriptions (a division, not two languages).
    ("coordination/metrics/coordination.py", "coordination.FollowUp: 100 × count(status = done)"
     " / count(*) where status != cancelled, {}, deadline {}"),
    ("coordination/metrics/reports.py", "100 × resolved / received; {}"),
    ("coordination/metrics/reports.py", "sum(resolution_days) / resolved; {}"),
    # An input's placeholder showing the shapes of a number, and two setting names for the
    # operator (ops messages are in English, for the operator only).
    ("ltsa/forms.py", "PT ... / KEP... / SIP2MI..."),
    ("ops/backup.py", "this instance's backup key is not the one of the backup "
                      "(LINDUNG_SECRET_KEY / LINDUNG_BACKUP_KEY)"),
}

LOCALE = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its placeholders read as "{}"
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "{}"
                       for part in node.values)
    return None


def double_messages(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string constant written in two languages, docstrings and the
    catalogue's msgids aside."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # a docstring or a bare string: not a message
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)  # judged as the whole f-string
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT):
            skipped.update(id(arg) for arg in node.args)  # one msgid, see the catalogue test
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
    assert double_messages('z = _("Rumah aman / penampungan")\n') == []


def _modules() -> list[Path]:
    return sorted(path for path in SRC.rglob("*.py") if "migrations" not in path.parts)


def test_no_module_writes_a_message_in_two_languages() -> None:
    found = []
    for path in _modules():
        relative = path.relative_to(SRC).as_posix()
        found += [(relative, line, text)
                  for line, text in double_messages(path.read_text(encoding="utf-8"))
                  if (relative, text) not in ALLOWED]
    assert not found, (
        "write the message once, in Bahasa Indonesia, through gettext (`_(...)` with "
        f"%(name)s placeholders) and put the English in locale/en: {found}")


def test_every_allowed_double_is_still_there() -> None:
    """An exception that no longer exists is removed from ALLOWED (the list stays true)."""
    present = {(path.relative_to(SRC).as_posix(), text) for path in _modules()
               for _line, text in double_messages(path.read_text(encoding="utf-8"))}
    missing = ALLOWED - present
    assert not missing, sorted(missing)


def _catalogue() -> list[tuple[str, str]]:
    """(msgid, English) of the singular entries of locale/en (a small reader: one msgid and
    one msgstr per entry, each possibly continued on the next lines)."""
    entries, key, parts = [], "", {"msgid": "", "msgstr": ""}
    for line in LOCALE.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgstr ")):
            key, _space, rest = line.partition(" ")
            if key == "msgid" and parts["msgid"]:
                entries.append((parts["msgid"], parts["msgstr"]))
            parts[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key in parts:
            parts[key] += ast.literal_eval(line)
        else:
            key = ""
    entries.append((parts["msgid"], parts["msgstr"]))
    return entries


def test_no_msgid_carries_its_own_english() -> None:
    """A msgid with a slash is one Indonesian label ("Rumah aman / penampungan"); the part
    after the slash being the English translation means two languages slipped into one."""
    doubles = [(msgid, english) for msgid, english in _catalogue()
               if " / " in msgid and english
               and english.strip().lower() in msgid.lower() and msgid != english]
    assert not doubles, doubles


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


def test_the_api_follows_accept_language_when_no_language_was_chosen(world: World) -> None:
    """A program has no language cookie: it names its language with Accept-Language, which
    the API honours (the pages keep Bahasa Indonesia unless the user chose)."""
    url = f"/api/v1/people/{world.ntt_person.pk}"
    english = world.client_for("analyst").get(url, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert english.status_code == 403 and english.json()["detail"] == "Access denied"
    assert english["Content-Language"] == "en" and "Accept-Language" in english["Vary"]
    indonesian = world.client_for("analyst").get(url, headers={"Accept-Language": "id,en;q=0.5"})
    assert indonesian.json()["detail"] == "Akses ditolak"
    assert indonesian["Content-Language"] == "id"
    # A language the service does not speak falls back to Bahasa Indonesia.
    assert world.client_for("analyst").get(
        url, headers={"Accept-Language": "fr"}).json()["detail"] == "Akses ditolak"
    # The cookie, an explicit choice, comes first.
    chosen = _english(world.client_for("analyst")).get(url, headers={"Accept-Language": "id"})
    assert chosen.json()["detail"] == "Access denied"
    # Pages do not follow the browser's language: Bahasa Indonesia unless chosen.
    page = Client().get("/", headers={"Accept-Language": "en"})
    assert page["Content-Language"] == "id"
