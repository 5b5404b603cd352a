"""Alert subjects that are blind indexes ("nik:", "passport:", "name:<index>"), recomputed
under the current root secret by `lindung keys_rotate` (core/reindex.py) from the screened
passenger, once the stored index is confirmed under a configured root."""

from __future__ import annotations

from typing import Literal

from lindung.core import reindex
from lindung.matching.normalize import normalize_name
from lindung.screening.models import Alert


@reindex.register("alerts")
def alerts(keys: reindex.Keys) -> tuple[int, int]:
    current, configured = keys.current, keys.configured

    def index_for(alert: Alert, prefix: str, stored: str) -> str | Literal[False] | None:
        passenger = alert.passenger
        if prefix == "nik":
            return reindex.rekeyed(stored, "nik", [passenger.nik], current, configured)
        if prefix == "passport":
            return reindex.rekeyed(stored, "passport", [passenger.passport_number], current,
                                   configured)
        if prefix == "name":
            return reindex.rekeyed(stored, "screening-name", [
                f"{normalize_name(passenger.name)}|{passenger.birth_date or ''}"], current,
                configured)
        return reindex.NOT_AN_INDEX  # person:<id>

    rows = Alert.objects.select_related("passenger").only(
        "pk", "subject", "passenger__nik", "passenger__passport_number", "passenger__name",
        "passenger__birth_date")
    return reindex.rewrite_prefixed(rows, "subject", keys.batch, index_for)
