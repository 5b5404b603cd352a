"""How a match is shown to staff: each reason as a label, its strength and what it means, in
the officer's language (Indonesian source strings, English in the catalogue), and the verdict
of a query over all its candidates (the margin, the ambiguity).

The engine's reasons carry a ``code`` and numbers (``params``) beside a technical English
``detail`` for logs; :func:`describe` says the same through gettext. Reasons stored before
codes existed fall back to their detail."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lindung.matching.decide import Identification
from lindung.matching.result import Reason

FIELD_LABELS: dict[str, Promise] = {
    "nik": _("NIK"),
    "passport": _("Paspor"),
    "name": _("Nama"),
    "birth_date": _("Tanggal lahir"),
    "birth_place": _("Tempat lahir"),
    "sex": _("Jenis kelamin"),
}
STRENGTH_LABELS: dict[str, Promise] = {
    "exact": _("sama"),
    "strong": _("sangat mirip"),
    "partial": _("mirip sebagian"),
    "conflict": _("berbeda"),
    "missing": _("tidak tercatat di salah satu"),
}
DECISION_LABELS: dict[str, Promise] = {
    "match": _("cocok"),
    "possible": _("mungkin cocok"),
    "no_match": _("mirip sebagian"),
}
VERDICT_LABELS: dict[str, Promise] = {
    "match": _("cocok"),
    "check": _("periksa"),
    "no_match": _("tidak ditemukan"),
}

#: What each fixed reason code means.
DETAILS: dict[str, Promise] = {
    "nik_missing": _("NIK tidak tercatat di salah satu data"),
    "nik_exact": _("NIK sama"),
    "nik_typo": _("NIK berbeda satu angka (kemungkinan salah ketik)"),
    "nik_conflict": _("NIK berbeda"),
    "passport_missing": _("nomor paspor tidak tercatat di salah satu data"),
    "passport_exact": _("nomor paspor sama"),
    "passport_conflict": _("nomor paspor berbeda (paspor yang diperbarui mendapat nomor baru)"),
    "date_missing": _("tanggal lahir tidak tercatat di salah satu data"),
    "date_exact": _("tanggal lahir sama"),
    "date_year_slip": _("tanggal dan bulan sama, tahun berselisih satu"),
    "date_swapped": _("tanggal dan bulan tertukar"),
    "date_same_month": _("bulan dan tahun sama, tanggal berbeda"),
    "date_same_year": _("tahun sama, tanggal dan bulan berbeda"),
    "date_near_year": _("tahun lahir berselisih satu"),
    "place_missing": _("tempat lahir tidak tercatat di salah satu data"),
    "place_exact": _("tempat lahir sama"),
    "place_alike": _("tempat lahir ditulis mirip"),
    "place_part": _("tempat lahir yang satu bagian dari yang lain"),
    "place_conflict": _("tempat lahir berbeda"),
    "sex_missing": _("jenis kelamin tidak tercatat di salah satu data"),
    "sex_exact": _("jenis kelamin sama"),
    "sex_conflict": _("jenis kelamin berbeda"),
    "name_empty": _("nama kosong setelah dinormalkan"),
    "name_joined": _("nama sama bila ditulis sebagai satu kata"),
}


def _name_detail(p: Mapping[str, int]) -> str:
    text = ngettext("%(matched)d dari %(longest)d token nama cocok",
                    "%(matched)d dari %(longest)d token nama cocok",
                    p.get("longest", 0)) % {"matched": p.get("matched", 0),
                                            "longest": p.get("longest", 0)}
    if p.get("matched"):
        text += " (" + ", ".join(_matched_kinds(p)) + ")"
    notes = _name_notes(p)
    if notes:
        text += "; " + "; ".join(notes)
    return text


def _matched_kinds(p: Mapping[str, int]) -> list[str]:
    """How the matched tokens matched: exactly, approximately, how many are rare."""
    kinds = []
    if p.get("exact"):
        kinds.append(gettext("%(count)d persis") % {"count": p["exact"]})
    if p.get("approximate"):
        kinds.append(gettext("%(count)d mirip") % {"count": p["approximate"]})
    kinds.append(gettext("%(count)d langka") % {"count": p["rare"]} if p.get("rare")
                 else gettext("tidak ada yang langka"))
    return kinds


def _name_notes(p: Mapping[str, int]) -> list[str]:
    """What else the comparison of the names took into account."""
    notes = []
    if p.get("combined"):
        notes.append(gettext("ejaan lama dengan salah ketik"))
    if p.get("single"):
        notes.extend(_single_name_notes(p))
    if p.get("repeated"):
        notes.append(gettext("nama yang ditulis dua kali dihitung sekali"))
    if p.get("both_differ"):
        notes.append(gettext("token lain berbeda di kedua sisi"))
    elif p.get("one_side"):
        notes.append(ngettext("%(count)d token hanya ada di satu sisi",
                              "%(count)d token hanya ada di satu sisi",
                              p["one_side"]) % {"count": p["one_side"]})
    return notes


def _single_name_notes(p: Mapping[str, int]) -> list[str]:
    """A single name compared with a longer one: which parts of the longer one are missing,
    and whether the single name is only a family name."""
    extra = []
    if p.get("extra_given"):
        extra.append(ngettext("%(count)d nama diri tidak ada",
                              "%(count)d nama diri tidak ada",
                              p["extra_given"]) % {"count": p["extra_given"]})
    if p.get("extra_family"):
        extra.append(ngettext("%(count)d nama keluarga tidak ada",
                              "%(count)d nama keluarga tidak ada",
                              p["extra_family"]) % {"count": p["extra_family"]})
    note = gettext("satu nama dibandingkan dengan nama yang lebih panjang")
    notes = [note + (": " + ", ".join(extra) if extra else "")]
    if p.get("family_only"):
        notes.append(gettext("nama tunggal itu hanya nama keluarga"))
    return notes


def describe(code: str, params: Mapping[str, int], fallback: str = "") -> str:
    """What a reason means, in the active language (``fallback``: the stored technical
    detail, for reasons written before codes existed)."""
    if code in DETAILS:
        return str(DETAILS[code])
    if code == "name_tokens":
        return _name_detail(params)
    if code == "date_years":
        years = params.get("years", 0)
        return ngettext("tahun lahir berselisih %(years)d tahun",
                        "tahun lahir berselisih %(years)d tahun", years) % {"years": years}
    if code == "date_day_month_years":
        years = params.get("years", 0)
        return ngettext("tanggal dan bulan sama, tahun berselisih %(years)d",
                        "tanggal dan bulan sama, tahun berselisih %(years)d",
                        years) % {"years": years}
    return fallback


@dataclass(frozen=True)
class ReasonRow:
    field: str
    label: str
    strength: str
    strength_label: str
    detail: str
    weight: float

    @property
    def supports(self) -> bool:
        return self.weight > 0


def reason_rows(reasons: Iterable[Reason | Mapping[str, Any]],
                *, skip_missing: bool = True) -> list[ReasonRow]:
    """Display rows for reasons (objects or their stored JSON form), explained in the
    active language."""
    rows = []
    field: str
    strength: str
    for reason in reasons:
        if isinstance(reason, Reason):
            field, strength, detail, weight = (reason.field, reason.strength, reason.detail,
                                               reason.weight)
            code, params = reason.code, dict(reason.params)
        else:
            field, strength = str(reason.get("field", "")), str(reason.get("strength", ""))
            detail, weight = str(reason.get("detail", "")), float(reason.get("weight", 0.0))
            code = str(reason.get("code", ""))
            stored = reason.get("params")
            params = ({str(k): int(v) for k, v in stored.items()}
                      if isinstance(stored, Mapping) else {})
        if skip_missing and strength == "missing":
            continue
        rows.append(ReasonRow(field, str(FIELD_LABELS.get(field, field)), strength,
                              str(STRENGTH_LABELS.get(strength, strength)),
                              describe(code, params, detail), weight))
    return rows


def decision_label(decision: str) -> str:
    return str(DECISION_LABELS.get(decision, decision))


def verdict_label(verdict: str) -> str:
    return str(VERDICT_LABELS.get(verdict, verdict))


def identification_summary(identification: Identification[Any]) -> str:
    """One sentence on a query's verdict over all its candidates: the margin of a match, or
    why it is a check (several people fit alike), in the active language."""
    times = identification.times_likelier
    if identification.verdict == "match":
        if times is None:
            return gettext("Cocok: tidak ada kandidat lain yang mendekati")
        return gettext("Cocok: %(times)s kali lebih mungkin daripada kandidat berikutnya "
                  "(selisih %(margin).1f)") % {"times": _times(times),
                                               "margin": identification.margin or 0.0}
    if identification.verdict == "check":
        count = len(identification.candidates)
        if identification.ambiguous:
            return ngettext(
                "Periksa: %(count)d orang di registri sama-sama cocok; tidak ada NIK atau "
                "paspor yang membedakan mereka",
                "Periksa: %(count)d orang di registri sama-sama cocok; tidak ada NIK atau "
                "paspor yang membedakan mereka", count) % {"count": count}
        return gettext("Periksa: kecocokan belum cukup kuat untuk memastikan identitas")
    return gettext("Tidak ada orang di registri yang cocok")


def _times(value: float) -> str:
    if value >= 1000:
        return gettext("lebih dari 1.000")
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"
