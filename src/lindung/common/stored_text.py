"""A message kept in a row and shown later, in the language of whoever reads it.

A row written by one person, or by a task that has no reader at all (a flag, a job's
progress, an import's problems), is read by others, each in their own language. So the row
keeps the message's msgid (Bahasa Indonesia, the catalogue's source) and its parameters,
and the page renders it when it is read::

    flag.detail = stored_text.keep(gettext_noop("Ditandai terhambat"))
    flag.detail = stored_text.ngettext("Lewat tenggat %(deadline)s (%(days)d hari)",
                                       "Lewat tenggat %(deadline)s (%(days)d hari)",
                                       late, deadline=deadline, days=late)
    ...
    stored_text.show(flag.detail)          # in Python
    {{ flag.detail|shown }}                # in a template ({% load formatting %})

`keep` takes a msgid marked with ``gettext_noop`` (so that makemessages finds it);
`ngettext` is named like gettext's own so that makemessages finds its two msgids.
A message without parameters is kept as its bare msgid; one with parameters as a small JSON
object. Text kept before this existed, or free text typed by a person, is shown as it is.
Dates among the parameters are kept as ISO dates and shown in the reader's format. A
parameter that is itself reference text carried in both languages (a month's name, a
missing document of an LTSA file: `lindung.ltsa.eligibility.MissingReason`) is passed as
:class:`Both` and shown in the reader's language::

    stored_text.keep(gettext_noop("Berkas tidak lagi siap berangkat: %(reasons)s"),
                     reasons=Both(id="Paspor: belum diverifikasi", en="Passport: not verified yet"))
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import ngettext as django_ngettext

from lindung.common import formatting

_START = '{"msgid":'


def _english() -> bool:
    return (get_language() or "id").startswith("en")


@dataclass(frozen=True)
class Both:
    """A parameter in both languages (reference text that carries its own English); as a
    string, the active language's."""

    id: str
    en: str

    def __str__(self) -> str:
        return self.en if _english() and self.en else self.id


def _param(value: Any) -> Any:
    if isinstance(value, Both):
        return {"id": value.id, "en": value.en}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, int | float | str) or value is None:
        return value
    return str(value)


def keep(msgid: str, /, **params: Any) -> str:
    """The form to store of the message `msgid` (a msgid of the catalogue) with `params`."""
    if not params:
        return msgid
    return json.dumps({"msgid": msgid, "params": {k: _param(v) for k, v in params.items()}},
                      ensure_ascii=False, separators=(",", ":"))


def ngettext(singular: str, plural: str, count: int, /, **params: Any) -> str:
    """The form to store of a message with a plural, chosen by `count` when shown."""
    return json.dumps({"msgid": singular, "plural": plural, "count": count,
                       "params": {k: _param(v) for k, v in params.items()}},
                      ensure_ascii=False, separators=(",", ":"))


def _shown_param(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"date"}:
        try:
            return formatting.day(date.fromisoformat(value["date"]))
        except (TypeError, ValueError):
            return value["date"]
    if isinstance(value, dict) and set(value) == {"id", "en"}:
        return str(Both(str(value["id"]), str(value["en"])))
    return value


def show(text: str) -> str:
    """The stored message in the active language (free or older text as it is)."""
    if not text:
        return ""
    if not text.startswith(_START):
        return gettext(text)
    try:
        data = json.loads(text)
        params = {k: _shown_param(v) for k, v in data.get("params", {}).items()}
        if "plural" in data:
            template = django_ngettext(data["msgid"], data["plural"], int(data["count"]))
        else:
            template = gettext(data["msgid"])
        return template % params if params else template
    except (ValueError, TypeError, KeyError):  # not one of ours after all: show it as it is
        return text


def split_double(text: str) -> str:
    """The Indonesian half of an older "Indonesian / English" text (for the data migrations
    that turn such rows into msgids): the part before the first " / "."""
    return text.split(" / ", 1)[0] if " / " in text else text
