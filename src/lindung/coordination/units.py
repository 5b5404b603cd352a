"""Values in a unit: a percentage lies in 0-100, a count of people, villages or events is
a whole number, nothing is negative. Every refusal says which value, which unit, and why."""

from __future__ import annotations

from decimal import Decimal
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from lindung.common import formatting
from lindung.coordination.choices import UNIT_NAMES_EN
from lindung.coordination.choices import WHOLE_UNITS
from lindung.coordination.choices import Unit

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
    """The value as a Decimal if it fits the unit, else a ValidationError on `field` in the
    active language (`what_id` or `what_en` names the value in it)."""
    english = (translation.get_language() or "").startswith("en")
    what = what_en if english else what_id
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("%(what)s '%(value)s' bukan angka")
                                      % {"what": what, "value": value}}) from exc
    if not number.is_finite():
        raise ValidationError({field: _("%(what)s bukan angka") % {"what": what}})
    shown = {"what": what, "value": plain(number)}
    if unit not in Unit.values:
        raise ValidationError({"unit": _("Satuan '%(unit)s' tidak dikenal") % {"unit": unit}})
    if number < 0:
        raise ValidationError({field: _("%(what)s %(value)s tidak boleh negatif") % shown})
    if number > MAX_VALUE:
        raise ValidationError({field: _("%(what)s %(value)s terlalu besar") % shown})
    if unit == Unit.PERCENT and number > 100:
        raise ValidationError({field: _(
            "%(what)s %(value)s tidak sah untuk satuan persen: harus antara 0 dan 100")
            % shown})
    if unit in WHOLE_UNITS and number != number.to_integral_value():
        label = unit_label_en(unit) if english else unit_label_id(unit)
        raise ValidationError({field: _(
            "%(what)s %(value)s harus bilangan bulat untuk satuan '%(unit)s'")
            % {**shown, "unit": label}})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({field: _("%(what)s %(value)s paling banyak dua angka desimal")
                                      % shown})
    return number


def format_value(value: Decimal | str | None, unit: str) -> str:
    """A value for display in the active language ("—" when there is none)."""
    if value is None or value == "":
        return "—"
    places = 0 if unit in WHOLE_UNITS else 1
    if unit == Unit.PERCENT:
        return formatting.percent(Decimal(str(value)), places)
    return formatting.number(Decimal(str(value)), places)
