"""The one country list: codes read as names in the reader's language, sheets' spellings
resolve to codes, form fields accept codes only."""

from __future__ import annotations

import unicodedata

import pytest
from django import forms
from django.template import Context
from django.template import Template
from django.utils import translation

from lindung.common.countries import DESTINATIONS
from lindung.common.countries import OTHER
from lindung.common.countries import CountryField
from lindung.common.countries import all_country_choices
from lindung.common.countries import country_choices
from lindung.common.countries import country_code
from lindung.common.countries import country_name
from lindung.common.countries import is_country


@pytest.mark.parametrize(("code", "indonesian", "english"), [
    ("MY", "Malaysia", "Malaysia"),
    ("SA", "Arab Saudi", "Saudi Arabia"),
    ("CN", "Tiongkok", "China"),          # Keppres 12/2014, not iso-codes' "Cina"
    ("TL", "Timor-Leste", "Timor-Leste"),  # not iso-codes' "Timor Timur"
    ("TW", "Taiwan", "Taiwan"),            # not "Taiwan, Province of China"
    ("KR", "Korea Selatan", "South Korea"),
    ("HK", "Hong Kong", "Hong Kong"),
])
def test_names_in_both_languages(code: str, indonesian: str, english: str) -> None:
    assert country_name(code, "id") == indonesian
    assert country_name(code, "en") == english
    with translation.override("en"):
        assert country_name(code) == english
    with translation.override("id"):
        assert country_name(code) == indonesian


def test_unknown_and_empty_codes() -> None:
    assert country_name("") == ""
    assert country_name("QQ") == "QQ"
    assert is_country("MY") and is_country(OTHER) and not is_country("QQ")
    assert not is_country("")
    with translation.override("en"):
        assert country_name(OTHER) == "Other country / unknown"


def test_every_destination_has_a_name_other_than_its_code() -> None:
    for code in DESTINATIONS:
        for language in ("id", "en"):
            name = country_name(code, language)
            assert name and name != code, (code, language)
            assert "Province" not in name and "Provinsi" not in name


@pytest.mark.parametrize(("written", "code"), [
    ("Malaysia", "MY"), ("MALAYSIA ", "MY"), ("Sabah", "MY"), ("HONGKONG", "HK"),
    ("Hong  Kong", "HK"), ("Saudi", "SA"), ("Saudi Arabia", "SA"), ("Tiongkok", "CN"),
    ("china", "CN"), ("Brunei", "BN"), ("Korea", "KR"), ("Türkiye", "TR"), ("uae", "AE"),
])
def test_sheet_spellings(written: str, code: str) -> None:
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["", "   ", "Atlantis", "as", "123"])
def test_unknown_spellings(written: str) -> None:
    assert country_code(written) is None


def test_choices_follow_the_active_language() -> None:
    choices = country_choices()
    assert choices[0] == ("", "—")
    assert [code for code, _ in choices[1:]] == [*DESTINATIONS, OTHER]
    with translation.override("en"):
        names = {code: str(name) for code, name in choices}
    assert names["SA"] == "Saudi Arabia"
    with translation.override("id"):
        names = {code: str(name) for code, name in country_choices(blank=None)}
    assert names["SA"] == "Arab Saudi" and "" not in names


def test_all_countries_start_with_indonesia_and_destinations() -> None:
    with translation.override("id"):
        choices = all_country_choices()
    codes = [code for code, _ in choices]
    assert codes[0] == "ID" and codes[1:1 + len(DESTINATIONS)] == list(DESTINATIONS)
    assert len(codes) == len(set(codes)) > 240
    rest = [name for _, name in choices[1 + len(DESTINATIONS):]]
    folded = [unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode().lower()
              for n in rest]
    assert folded[:3] < folded[-3:] and "Afganistan" in rest[0:3]


class _Form(forms.Form):
    country = CountryField(required=False)


def test_country_field_takes_codes_and_refuses_the_rest() -> None:
    assert _Form({"country": "tl"}).is_valid()
    form = _Form({"country": "tl"})
    form.is_valid()
    assert form.cleaned_data["country"] == "TL"
    assert _Form({"country": ""}).is_valid()
    bad = _Form({"country": "XYZ"})
    assert not bad.is_valid() and "country" in bad.errors


def test_template_filter_names_the_country() -> None:
    template = Template("{% load formatting %}{{ code|country }}|{{ empty|country }}")
    with translation.override("en"):
        assert template.render(Context({"code": "SA", "empty": None})) == "Saudi Arabia|"
    with translation.override("id"):
        assert template.render(Context({"code": "SA", "empty": ""})) == "Arab Saudi|"
