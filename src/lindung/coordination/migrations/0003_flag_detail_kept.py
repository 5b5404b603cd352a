"""Flags keep their detail as a message and its parameters, shown in the reader's language
(lindung.common.stored_text), instead of the text in the language of whoever triggered the
check. The three kinds of detail written before, in either language, are read back."""

import json
import re

from django.db import migrations

OVERDUE = re.compile(r"^(Lewat tenggat|Past its deadline) ")
PROGRESS = re.compile(r"^(?:Kemajuan|Progress) (\d+)% (?:padahal|while) (\d+)%")
BLOCKED = {"Ditandai terhambat", "Marked as blocked"}


def _kept(msgid, plural=None, count=None, **params):
    data = {"msgid": msgid}
    if plural is not None:
        data.update(plural=plural, count=count)
    data["params"] = params
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def forwards(apps, schema_editor):
    Flag = apps.get_model("coordination", "Flag")
    flags = Flag.objects.exclude(detail__startswith='{"msgid":').select_related(
        "action", "follow_up")
    for flag in flags.iterator(chunk_size=500):
        detail = flag.detail
        subject = flag.action if flag.action_id else flag.follow_up
        progress = PROGRESS.match(detail)
        if detail in BLOCKED:
            detail = "Ditandai terhambat"
        elif progress:
            detail = _kept("Kemajuan %(progress)s%% padahal %(expected)s%% waktu sudah berjalan",
                           progress=int(progress[1]), expected=int(progress[2]))
        elif OVERDUE.match(detail) and subject is not None:
            days = (flag.raised_on - subject.deadline).days
            text = "Lewat tenggat %(deadline)s (%(days)d hari)"
            detail = _kept(text, text, days, deadline={"date": subject.deadline.isoformat()},
                           days=days)
        else:
            continue
        Flag.objects.filter(pk=flag.pk).update(detail=detail)


class Migration(migrations.Migration):
    dependencies = [("coordination", "0002_report_narrative")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
