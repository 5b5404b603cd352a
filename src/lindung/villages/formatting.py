"""Indonesian number formats: Rp1.234.567, 12,5%."""

from __future__ import annotations


def thousands(value: int | float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def rupiah(value: int | float | None) -> str:
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{thousands(abs(value))}"


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}%".replace(".", ",")
