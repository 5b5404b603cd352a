"""Values in a unit: a percentage lies in 0-100, a count of people, villages or events is
a whole number, nothing is negative. Every refusal says which value, which unit, and why."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation

from lindung.common import formatting
from lindung.coordination.choices import UNIT_NAMES_EN, WHOLE_UNITS, Unit

MAX_VALUE = Decimal("99999999999999")


def unit_label_id(unit: str) -> str:
    with translation.override("id"):
        return str(Unit(unit).label) if unit in Unit.values else unit


def unit_label_en(unit: str) -> str:
    return UNIT_NAMES_EN.get(Unit(unit), unit) if unit in Unit.values else unit


def plain(value: Decimal) -> str:
    """2.50 -> "2.5", 250.00 -> "250"."""
    text = format(value.normalize(), "f")
    return text


def check_value(unit: str, value: Decimal | int | float | str, *, field: str,
                what_id: str, what_en: str) -> Decimal:
    """The value as a Decimal if it fits the unit, else a bilingual ValidationError on
    `field`."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: f"{what_id} '{value}' bukan angka / "
                                      f"{what_en} '{value}' is not a number"}) from exc
    if not number.is_finite():
        raise ValidationError({field: f"{what_id} bukan angka / {what_en} is not a number"})
    shown = plain(number)
    if unit not in Unit.values:
        raise ValidationError({"unit": f"Satuan '{unit}' tidak dikenal / Unknown unit '{unit}'"})
    if number < 0:
        raise ValidationError({field: f"{what_id} {shown} tidak boleh negatif / "
                                      f"{what_en} {shown} cannot be negative"})
    if number > MAX_VALUE:
        raise ValidationError({field: f"{what_id} {shown} terlalu besar / "
                                      f"{what_en} {shown} is too large"})
    if unit == Unit.PERCENT and number > 100:
        raise ValidationError({field: (
            f"{what_id} {shown} tidak sah untuk satuan persen: harus antara 0 dan 100 / "
            f"{what_en} {shown} is not valid for a percentage: it must be between 0 and 100")})
    if unit in WHOLE_UNITS and number != number.to_integral_value():
        raise ValidationError({field: (
            f"{what_id} {shown} harus bilangan bulat untuk satuan '{unit_label_id(unit)}' / "
            f"{what_en} {shown} must be a whole number for the unit '{unit_label_en(unit)}'")})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({field: (
            f"{what_id} {shown} paling banyak dua angka desimal / "
            f"{what_en} {shown} may have at most two decimal places")})
    return number


def format_value(value: Decimal | str | None, unit: str) -> str:
    """A value for display in the active language ("—" when there is none)."""
    if value is None or value == "":
        return "—"
    places = 0 if unit in WHOLE_UNITS else 1
    if unit == Unit.PERCENT:
        return formatting.percent(Decimal(str(value)), places)
    return formatting.number(Decimal(str(value)), places)
