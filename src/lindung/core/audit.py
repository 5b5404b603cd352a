"""Writing the audit log. Call inside the same transaction as the change it records."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import TypeVar

from django.db import models
from django.utils import timezone

from lindung.common.coarse_time import coarse
from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent

M = TypeVar("M", bound=models.Model)


class _System:
    """The actor of what Lindung does by itself (scheduled checks, flags it raises): logged as
    "system", never as "public", and at the exact time."""

    is_authenticated = False


SYSTEM = _System()


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is SYSTEM:
        return {"actor": None, "actor_label": "system", "actor_role": "", "actor_agency": ""}
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "public", "actor_role": "", "actor_agency": ""}
    agency = getattr(actor, "agency", None)
    return {
        "actor": actor,
        "actor_label": actor.get_username(),
        "actor_role": getattr(actor, "role", ""),
        "actor_agency": str(agency) if agency else "",
    }


def entity_name(model: type[models.Model] | models.Model) -> str:
    return str(model._meta.label_lower)


def record(*, actor: Any, action: AuditAction | str, entity: str, object_id: str = "",
           region_code: str = "", detail: dict[str, Any] | None = None) -> AuditEvent:
    """One audit row. An anonymous actor's row is timed to the hour only (coarse_time):
    nothing joins it to a log line of the request that caused it."""
    fields = _actor_fields(actor)
    moment = coarse() if fields["actor_label"] == "public" else timezone.now()
    return AuditEvent.objects.create(
        at=moment, action=str(action), entity=entity, object_id=object_id,
        region_code=region_code, detail=detail or {}, **fields,
    )


def record_object(*, actor: Any, action: AuditAction | str, obj: models.Model,
                  region_code: str = "", detail: dict[str, Any] | None = None) -> AuditEvent:
    return record(actor=actor, action=action, entity=entity_name(obj), object_id=str(obj.pk),
                  region_code=region_code, detail=detail)


def save_recorded(obj: M, *, actor: Any, action: AuditAction | str,
                  region_code: str | None = None, detail: dict[str, Any] | None = None,
                  of: models.Model | None = None) -> M:
    """What a service's write of one record does: validate it (`full_clean`, the model's rules
    and the fields' limits), save it, and audit it in the same transaction. A part of a larger
    record (a report's message, a case's suspect) is audited as a change `of` that record.
    The audit row's region is the audited record's own unless given."""
    obj.full_clean()
    obj.save()
    audited = obj if of is None else of
    record_object(actor=actor, action=action, obj=audited, detail=detail,
                  region_code=str(getattr(audited, "region_code", "")) if region_code is None
                  else region_code)
    return obj


def record_reads(*, actor: Any, objects: Iterable[models.Model], context: str) -> int:
    """A read of several records at once (a search page, a list of candidates, an export):
    one VIEW row per record read, naming it, in one insert. Returns the rows written."""
    fields = _actor_fields(actor)
    moment = coarse() if fields["actor_label"] == "public" else timezone.now()
    events = [AuditEvent(at=moment, action=str(AuditAction.VIEW), entity=entity_name(obj),
                         object_id=str(obj.pk),
                         region_code=str(getattr(obj, "region_code", "") or ""),
                         detail={"context": context}, **fields)
              for obj in dict.fromkeys(objects)]
    AuditEvent.objects.bulk_create(events)
    return len(events)


def apply_changes(obj: models.Model, changes: Mapping[str, Any], allowed: Iterable[str], *,
                  clean: Callable[[str, Any], Any] | None = None) -> dict[str, Any]:
    """Set a service's named `changes` on `obj` (each value through `clean(name, value)`
    when given): the values the fields had before, for :func:`changed_fields` once saved. A
    field outside `allowed` is a programming error (ValueError), refused before any is set."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown {type(obj).__name__} fields {sorted(unknown)}")
    before = {name: getattr(obj, name) for name in changes}
    for name, value in changes.items():
        setattr(obj, name, value if clean is None else clean(name, value))
    return before


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the fields whose values differ; values themselves never enter the log."""
    return sorted(key for key in after if before.get(key) != after.get(key))
