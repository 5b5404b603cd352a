"""The "certificate invalid" reason keeps its detail as a message with its parameters
(lindung.common.stored_text), the missing items of the file in both languages, instead of
the text filled in Bahasa Indonesia when the passenger was screened. Older details of the
form "Berkas tidak lagi siap berangkat: A; B" are read back: each item whose wording is
known gets its English, any other stays as it was written."""

import json
import re

from django.db import migrations

PREFIX = "Berkas tidak lagi siap berangkat: "
MSGID = "Berkas tidak lagi siap berangkat: %(reasons)s"

# The item wordings of lindung.ltsa.eligibility when this migration was written.
FIXED = {
    "Tanggal lahir belum tercatat": "Birth date is not recorded",
    "P3MI tidak memiliki SIP3MI yang berlaku":
        "The placement agency holds no licence (SIP3MI) in force",
}
PATTERNS = (
    (re.compile(r"^Job order (\S+) tidak dibuka lagi$"), "Job order {0} is no longer open"),
    (re.compile(r"^Job order (\S+) berakhir (\d\d)-(\d\d)-(\d{4})$"),
     "Job order {0} expired on {3}-{2}-{1}"),
    (re.compile(r"^Job order (\S+) baru berlaku (\d\d)-(\d\d)-(\d{4})$"),
     "Job order {0} is valid only from {3}-{2}-{1}"),
    (re.compile(r"^Job order (\S+) melebihi kuota \((\d+)/(\d+)\)$"),
     "Job order {0} is over its quota ({1}/{2})"),
    (re.compile(r"^Belum berusia (\d+) tahun pada tanggal berangkat (\d\d)-(\d\d)-(\d{4})$"),
     "Under {0} on the departure date {3}-{2}-{1}"),
    (re.compile(r"^Pengaduan biaya di atas jadwal resmi pada berkas ini belum selesai "
                r"\((\d+)\)$"), "An overcharge complaint on this file is still open ({0})"),
)
ITEM_STATES = (
    (": belum diverifikasi", ": not verified yet"),
    (": ditolak, perlu diajukan ulang", ": rejected, to be brought again"),
    (": kedaluwarsa sebelum tanggal berangkat", ": expires before the departure date"),
)


def _labels():
    try:
        from django.utils import translation

        from lindung.ltsa.checklist import CHECKLIST
    except ImportError:  # the module moved since: the items stay as they were written
        return {}
    with translation.override("id"):
        return {str(entry.label): entry.label_en for entry in CHECKLIST}


def _english(item, labels):
    if item in FIXED:
        return FIXED[item]
    for pattern, english in PATTERNS:
        found = pattern.match(item)
        if found:
            return english.format(*found.groups())
    for state_id, state_en in ITEM_STATES:
        label = item[:-len(state_id)] if item.endswith(state_id) else None
        if label is not None and label in labels:
            return labels[label] + state_en
    return item


def _convert(reasons, labels):
    changed = False
    for reason in reasons:
        detail = reason.get("detail")
        if (reason.get("code") == "certificate_invalid" and isinstance(detail, str)
                and detail.startswith(PREFIX)):
            items = detail[len(PREFIX):]
            english = "; ".join(_english(item, labels) for item in items.split("; "))
            reason["detail"] = json.dumps(
                {"msgid": MSGID, "params": {"reasons": {"id": items, "en": english}}},
                ensure_ascii=False, separators=(",", ":"))
            changed = True
    return changed


def forwards(apps, schema_editor):
    labels = _labels()
    for model in ("ScreenedPassenger", "Alert", "AlertHit"):
        Model = apps.get_model("screening", model)
        rows = Model.objects.filter(reasons__icontains=PREFIX[:20]).only("pk", "reasons")
        for row in rows.iterator(chunk_size=1000):
            if row.reasons and _convert(row.reasons, labels):
                Model.objects.filter(pk=row.pk).update(reasons=row.reasons)


class Migration(migrations.Migration):
    dependencies = [("screening", "0003_reasons_one_language")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
