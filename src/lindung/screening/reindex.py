"""Alert subjects that are blind indexes ("nik:", "passport:", "name:<index>"), recomputed
under the current root secret by `lindung keys_rotate` (core/reindex.py) from the screened
passenger, once the stored index is confirmed under a configured root."""

from __future__ import annotations

from lindung.core import reindex
from lindung.matching.normalize import normalize_name
from lindung.screening.models import Alert


@reindex.register("alerts")
def alerts(keys: reindex.Keys) -> tuple[int, int]:
    current, configured = keys.current, keys.configured
    kept = 0

    def change(alert: Alert) -> bool:
        nonlocal kept
        prefix, _, stored = alert.subject.partition(":")
        passenger = alert.passenger
        if prefix == "nik":
            index = reindex.rekeyed(stored, "nik", [passenger.nik], current, configured)
        elif prefix == "passport":
            index = reindex.rekeyed(stored, "passport", [passenger.passport_number], current,
                             configured)
        elif prefix == "name":
            index = reindex.rekeyed(stored, "screening-name", [
                f"{normalize_name(passenger.name)}|{passenger.birth_date or ''}"], current,
                configured)
        else:  # person:<id>
            return False
        if index is None:
            kept += 1
            return False
        subject = f"{prefix}:{index}"
        if subject == alert.subject:
            return False
        alert.subject = subject
        return True

    rows = Alert.objects.select_related("passenger").only(
        "pk", "subject", "passenger__nik", "passenger__passport_number", "passenger__name",
        "passenger__birth_date")
    changed = reindex.rewrite(rows, ["subject"], keys.batch, change)
    return changed, kept
