"""Tests for lindung.regions.nik (pure Python, no Django needed)."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import FrozenInstanceError

import pytest
from django.utils import translation
from hypothesis import assume
from hypothesis import example
from hypothesis import given
from hypothesis import strategies as st

from lindung.regions.nik import CURRENT_PROVINCE_CODES
from lindung.regions.nik import KNOWN_PROVINCE_CODES
from lindung.regions.nik import SEPARATORS
from lindung.regions.nik import NikError
from lindung.regions.nik import ParsedNik
from lindung.regions.nik import clean_nik
from lindung.regions.nik import mask_nik
from lindung.regions.nik import parse_nik

TODAY = datetime.date(2026, 1, 15)


def _error(
    raw: str,
    *,
    today: datetime.date = TODAY,
    known_province_codes: Collection[str] | None = None,
) -> NikError:
    with pytest.raises(NikError) as info:
        parse_nik(raw, today=today, known_province_codes=known_province_codes)
    return info.value


def _build(
    province: str, regency: int, district: int, birth: datetime.date, sex: str, serial: int
) -> str:
    day = birth.day + (40 if sex == "F" else 0)
    return (
        f"{province}{regency:02d}{district:02d}"
        f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    )


# --- published test vectors ---------------------------------------------------------------


def test_it_parses_the_published_male_vector() -> None:
    parsed = parse_nik("3204110609970001", today=TODAY)
    assert parsed == ParsedNik(
        nik="3204110609970001",
        province_code="32",
        regency_code="32.04",
        district_code="32.04.11",
        birth_date=datetime.date(1997, 9, 6),
        sex="M",
        serial="0001",
    )
    assert parsed.is_city is False


def test_it_parses_the_published_female_vector() -> None:
    parsed = parse_nik("3204114609970004", today=TODAY)
    assert parsed.sex == "F"
    assert parsed.birth_date == datetime.date(1997, 9, 6)
    assert parsed.regency_code == "32.04"
    assert parsed.district_code == "32.04.11"
    assert parsed.serial == "0004"


def test_it_rejects_the_published_invalid_vector_province_99() -> None:
    err = _error("9904110609970004")
    assert err.code == "province"
    assert err.value == "99"
    assert "99" in err.message_id
    assert "99" in err.message_en


def test_it_defaults_today_to_the_current_date() -> None:
    assert parse_nik("3204110609970001").birth_date == datetime.date(1997, 9, 6)


def test_it_marks_a_kota_regency_as_city() -> None:
    assert parse_nik("3273110609970001", today=TODAY).is_city is True


def test_it_returns_a_frozen_dataclass() -> None:
    parsed = parse_nik("3204110609970001", today=TODAY)
    with pytest.raises(FrozenInstanceError):
        parsed.nik = "x"  # type: ignore[misc]


# --- clean_nik -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "3204110609970001",
        "3204 1106 0997 0001",
        "32.04.11.060997.0001",
        "32-04-11-06-09-97-0001",
        "  3204110609970001  ",
        "3204\u00a0110609970001",
        "3204\t11 06.09-97 0001\n",
    ],
)
def test_it_accepts_spaces_dots_and_dashes(raw: str) -> None:
    assert clean_nik(raw) == "3204110609970001"
    assert parse_nik(raw, today=TODAY).nik == "3204110609970001"


def test_it_reports_length_with_the_digit_count() -> None:
    err = _error("320411060997000")
    assert err.code == "length"
    assert err.message_id == "NIK harus 16 angka, yang diisi 15 angka"
    assert err.message_en == "NIK must have 16 digits, got 15"
    assert str(err) == "NIK harus 16 angka, yang diisi 15 angka"  # the active language's
    with translation.override("en"):
        assert str(err) == err.message == "NIK must have 16 digits, got 15"


def test_it_counts_digits_not_separators_for_length() -> None:
    err = _error("3204 1106 0997 00011")
    assert err.code == "length"
    assert "17" in err.message_id
    assert err.message_en.endswith("got 17")


@pytest.mark.parametrize("raw", ["", "   ", ".-. "])
def test_it_reports_an_empty_nik_as_length(raw: str) -> None:
    err = _error(raw)
    assert err.code == "length"
    assert "belum diisi" in err.message_id
    assert "empty" in err.message_en


def test_it_reports_the_non_digit_character_and_position() -> None:
    err = _error("32041106O9970001")  # letter O instead of zero
    assert err.code == "non_digit"
    assert err.value == "O"
    assert "'O'" in err.message_id
    assert "posisi 9" in err.message_id
    assert "position 9" in err.message_en


def test_it_checks_non_digit_before_length() -> None:
    assert _error("12a").code == "non_digit"


def test_it_rejects_non_ascii_digits() -> None:
    err = _error("٣٢٠٤١١٠٦٠٩٩٧٠٠٠١")  # Arabic-Indic digits
    assert err.code == "non_digit"
    assert "posisi 1" in err.message_id


def test_it_shows_invisible_characters_by_code_point() -> None:
    err = _error("3204110609970001\u200b")
    assert err.code == "non_digit"
    assert "U+200B" in err.message_en


def test_it_rejects_a_non_string() -> None:
    with pytest.raises(TypeError):
        clean_nik(3204110609970001)  # type: ignore[arg-type]


# --- error object --------------------------------------------------------------------------


def test_it_raises_a_value_error_with_both_languages() -> None:
    err = _error("3204110609970000")
    assert isinstance(err, ValueError)
    assert str(err) == err.message_id
    with translation.override("en"):
        assert str(err) == err.message_en
    assert "NikError(code='serial'" in repr(err)


# --- each part -----------------------------------------------------------------------------


def test_it_accepts_every_current_province() -> None:
    for province in CURRENT_PROVINCE_CODES:
        assert parse_nik(f"{province}04110609970001", today=TODAY).province_code == province


def test_it_knows_the_38_current_provinces() -> None:
    assert len(CURRENT_PROVINCE_CODES) == 38
    assert CURRENT_PROVINCE_CODES <= KNOWN_PROVINCE_CODES


def test_it_accepts_the_retired_timor_timur_province_code() -> None:
    assert parse_nik("5401110609970001", today=TODAY).province_code == "54"


@pytest.mark.parametrize("province", ["00", "10", "20", "22", "30", "37", "50", "66", "99"])
def test_it_rejects_unknown_provinces(province: str) -> None:
    err = _error(f"{province}04110609970001")
    assert err.code == "province"
    assert f"Kode provinsi {province}" in err.message_id


def test_it_uses_the_given_province_set() -> None:
    assert parse_nik("9904110609970001", today=TODAY, known_province_codes={"99"}).nik
    err = _error("3204110609970001", known_province_codes={"33"})
    assert err.code == "province"


@pytest.mark.parametrize("regency", ["00", "70"])
def test_it_rejects_regency_00_and_70(regency: str) -> None:
    err = _error(f"32{regency}110609970001")
    assert err.code == "regency"
    assert err.value == regency
    assert f"kabupaten/kota {regency}" in err.message_id
    assert f"Regency code {regency}" in err.message_en


@pytest.mark.parametrize("regency", ["01", "69", "71", "99"])
def test_it_accepts_regency_range_edges(regency: str) -> None:
    assert parse_nik(f"32{regency}110609970001", today=TODAY).regency_code == f"32.{regency}"


def test_it_accepts_a_regency_that_no_longer_exists() -> None:
    # 92.01 (Kabupaten Sorong) moved to Papua Barat Daya (96.01) in 2022, and 32.99 never
    # existed: codes are checked for form, not against today's tree.
    assert parse_nik("9201010609970001", today=TODAY).regency_code == "92.01"
    assert parse_nik("3299990609970001", today=TODAY).district_code == "32.99.99"


def test_it_rejects_district_00() -> None:
    err = _error("3204000609970001")
    assert err.code == "district"
    assert err.value == "00"
    assert "Kode kecamatan 00" in err.message_id
    assert "District code 00" in err.message_en


def test_it_rejects_serial_0000() -> None:
    err = _error("3204110609970000")
    assert err.code == "serial"
    assert "Nomor urut 0000" in err.message_id
    assert "Serial number 0000" in err.message_en


@pytest.mark.parametrize("serial", ["0001", "9999"])
def test_it_accepts_serial_edges(serial: str) -> None:
    assert parse_nik(f"320411060997{serial}", today=TODAY).serial == serial


def test_it_reports_the_first_wrong_part() -> None:
    # province 99, regency 00, district 00, day 99 and serial 0000 all wrong: province wins.
    assert _error("9900009913990000").code == "province"
    assert _error("3200009913990000").code == "regency"
    assert _error("3204009913990000").code == "district"
    assert _error("3204119913990000").code == "birth_date"


# --- birth date ----------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["00", "32", "35", "40", "72", "99"])
def test_it_rejects_impossible_day_numbers(day: str) -> None:
    err = _error(f"320411{day}09970001")
    assert err.code == "birth_date"
    assert err.value == day
    assert err.message_id.startswith(f"Tanggal lahir pada NIK tidak valid: hari {day}")
    assert err.message_en.startswith(f"Birth date in NIK is invalid: day {day}")


@pytest.mark.parametrize("day", ["01", "31", "41", "71"])
def test_it_accepts_day_number_edges(day: str) -> None:
    parsed = parse_nik(f"320411{day}01970001", today=TODAY)
    assert parsed.birth_date.day == int(day) % 40
    assert parsed.sex == ("F" if int(day) > 40 else "M")


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_it_rejects_impossible_months(month: str) -> None:
    err = _error(f"32041106{month}970001")
    assert err.code == "birth_date"
    assert f"bulan {month}" in err.message_id
    assert f"month {month}" in err.message_en


def test_it_rejects_31_april() -> None:
    err = _error("3204113104970001")
    assert err.code == "birth_date"
    assert err.value == "310497"
    assert "31 April 1997" in err.message_id
    assert "April hanya 30 hari" in err.message_id
    assert "April has only 30 days" in err.message_en


def test_it_explains_the_female_offset_in_date_errors() -> None:
    err = _error("3204117102970001")  # 71 - 40 = 31 February
    assert err.code == "birth_date"
    assert "31 Februari 1997" in err.message_id
    assert "71 dikurangi 40" in err.message_id
    assert "31 February 1997" in err.message_en


@pytest.mark.parametrize("yy", ["97", "23", "01"])
def test_it_rejects_29_february_in_common_years(yy: str) -> None:
    err = _error(f"3204112902{yy}0001")
    assert err.code == "birth_date"
    assert "bukan tahun kabisat" in err.message_id
    assert "is not a leap year" in err.message_en


@pytest.mark.parametrize(("yy", "year"), [("96", 1996), ("04", 2004), ("24", 2024), ("00", 2000)])
def test_it_accepts_29_february_in_leap_years(yy: str, year: int) -> None:
    parsed = parse_nik(f"3204116902{yy}0004", today=TODAY)
    assert parsed.birth_date == datetime.date(year, 2, 29)
    assert parsed.sex == "F"


def test_it_rejects_29_february_1900_when_2000_is_still_ahead() -> None:
    err = _error("3204112902000001", today=datetime.date(2000, 2, 28))
    assert err.code == "birth_date"
    assert "1900 bukan tahun kabisat" in err.message_id


# --- century inference ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [
        ("150126", datetime.date(2026, 1, 15)),  # today itself: 2000s
        ("160126", datetime.date(1926, 1, 16)),  # tomorrow in 2026: must be 1926
        ("010100", datetime.date(2000, 1, 1)),
        ("311299", datetime.date(1999, 12, 31)),
        ("010125", datetime.date(2025, 1, 1)),
        ("010127", datetime.date(1927, 1, 1)),
        ("060997", datetime.date(1997, 9, 6)),
    ],
)
def test_it_infers_the_century_from_today(ddmmyy: str, expected: datetime.date) -> None:
    assert parse_nik(f"320411{ddmmyy}0001", today=TODAY).birth_date == expected


def test_it_infers_the_century_relative_to_the_given_today() -> None:
    nik = "3204110609970001"
    assert parse_nik(nik, today=datetime.date(2097, 9, 6)).birth_date.year == 2097
    assert parse_nik(nik, today=datetime.date(2097, 9, 5)).birth_date.year == 1997


def test_it_rejects_a_birth_date_after_a_past_today() -> None:
    err = _error("3204110609970001", today=datetime.date(1990, 1, 1))
    assert err.code == "birth_date"
    assert "1997-09-06" in err.message_en


# --- mask ----------------------------------------------------------------------------------


def test_it_shows_only_the_region_part() -> None:
    assert mask_nik("3204110609970001") == "320411••••••••••"
    assert mask_nik("3204 1106 0997 0001") == "320411••••••••••"


def test_it_masks_a_well_formed_but_invalid_nik() -> None:
    assert mask_nik("9900000000000000") == "990000••••••••••"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("123", "•••"), ("3204x10609970001", "••••••••••••••••"), ("12 34", "••••"), ("", "")],
)
def test_it_hides_malformed_input_completely(raw: str, masked: str) -> None:
    assert mask_nik(raw) == masked


# --- properties ----------------------------------------------------------------------------

provinces = st.sampled_from(sorted(KNOWN_PROVINCE_CODES))
regencies = st.one_of(st.integers(1, 69), st.integers(71, 99))
districts = st.integers(1, 99)
serials = st.integers(1, 9999)
sexes = st.sampled_from(["M", "F"])
todays = st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))


def _in_window(birth: datetime.date, today: datetime.date) -> bool:
    """True if ``birth`` is within the 100 years the two-digit year can express."""
    if birth > today:
        return False
    if birth.year >= 2000:
        return True
    try:
        return birth.replace(year=birth.year + 100) > today
    except ValueError:  # 29 February 1900 does not exist; any other leap day does
        return True


@given(
    province=provinces,
    regency=regencies,
    district=districts,
    birth=st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)),
    sex=sexes,
    serial=serials,
    today=todays,
)
@example(
    province="32",
    regency=4,
    district=11,
    birth=datetime.date(1997, 9, 6),
    sex="M",
    serial=1,
    today=TODAY,
)
@example(
    province="53",
    regency=71,
    district=1,
    birth=datetime.date(1924, 2, 29),
    sex="F",
    serial=9999,
    today=datetime.date(2024, 2, 28),
)
def test_it_round_trips_any_valid_nik(
    province: str,
    regency: int,
    district: int,
    birth: datetime.date,
    sex: str,
    serial: int,
    today: datetime.date,
) -> None:
    assume(_in_window(birth, today))
    nik = _build(province, regency, district, birth, sex, serial)
    parsed = parse_nik(nik, today=today)
    assert parsed.nik == nik
    assert parsed.province_code == province
    assert parsed.regency_code == f"{province}.{regency:02d}"
    assert parsed.district_code == f"{province}.{regency:02d}.{district:02d}"
    assert parsed.birth_date == birth
    assert parsed.sex == sex
    assert parsed.serial == f"{serial:04d}"
    assert parsed.is_city == (regency >= 71)


@given(st.text(alphabet="0123456789", min_size=6, max_size=6), todays)
def test_it_never_infers_a_future_or_century_old_birth_date(
    ddmmyy: str, today: datetime.date
) -> None:
    try:
        parsed = parse_nik(f"320411{ddmmyy}0001", today=today)
    except NikError as err:
        assert err.code == "birth_date"
        return
    assert parsed.birth_date <= today
    assert _in_window(parsed.birth_date, today)


_separator_chars = st.sampled_from([*sorted(SEPARATORS), " ", "\t", "\u00a0"])


@given(
    province=provinces,
    regency=regencies,
    district=districts,
    birth=st.dates(datetime.date(1927, 1, 1), datetime.date(2025, 12, 31)),
    sex=sexes,
    serial=serials,
    data=st.data(),
)
def test_it_ignores_separators_anywhere(
    province: str,
    regency: int,
    district: int,
    birth: datetime.date,
    sex: str,
    serial: int,
    data: st.DataObject,
) -> None:
    nik = _build(province, regency, district, birth, sex, serial)
    pieces = [data.draw(st.text(_separator_chars, max_size=2)) + digit for digit in nik]
    raw = "".join(pieces) + data.draw(st.text(_separator_chars, max_size=2))
    assert clean_nik(raw) == nik
    assert parse_nik(raw, today=TODAY).birth_date == birth


def _is_allowed(char: str) -> bool:
    return "0" <= char <= "9" or char in SEPARATORS or char.isspace()


@given(
    before=st.text(st.sampled_from("0123456789 .-"), max_size=20),
    bad=st.characters().filter(lambda c: not _is_allowed(c)),
    after=st.text(max_size=20),
)
def test_it_rejects_any_other_character_as_non_digit(before: str, bad: str, after: str) -> None:
    with pytest.raises(NikError) as info:
        clean_nik(before + bad + after)
    err = info.value
    assert err.code == "non_digit"
    assert err.value == bad
    assert f"position {len(before) + 1}" in err.message_en


@given(st.text(st.sampled_from("0123456789"), min_size=16, max_size=16))
def test_it_never_reveals_birth_date_sex_or_serial(nik: str) -> None:
    masked = mask_nik(nik)
    assert len(masked) == 16
    assert masked[:6] == nik[:6]
    assert masked[6:] == "•" * 10


@given(st.text(st.sampled_from("0123456789"), max_size=30).filter(lambda s: len(s) != 16))
def test_it_rejects_any_digit_count_other_than_16(digits: str) -> None:
    with pytest.raises(NikError) as info:
        clean_nik(digits)
    assert info.value.code == "length"
    if digits:
        assert info.value.message_en == f"NIK must have 16 digits, got {len(digits)}"


@given(st.text(max_size=40))
def test_it_never_reveals_digits_of_a_malformed_value(raw: str) -> None:
    masked = mask_nik(raw)
    try:
        digits = clean_nik(raw)
    except NikError:
        assert set(masked) <= {"•"}
    else:
        assert masked == digits[:6] + "•" * 10
