"""A periodic report that failed keeps why as a message with its parameter (the error),
shown in the reader's language (lindung.common.stored_text), instead of the bare error
text; the older messages become that message's parameter."""

import json

from django.db import migrations

MSGID = "Kesalahan teknis: %(error)s"


def forwards(apps, schema_editor):
    PeriodicReport = apps.get_model("coordination", "PeriodicReport")
    rows = PeriodicReport.objects.exclude(message="").exclude(message__startswith='{"msgid":')
    for report in rows.only("pk", "message").iterator(chunk_size=500):
        message = json.dumps({"msgid": MSGID, "params": {"error": report.message[:200]}},
                             ensure_ascii=False, separators=(",", ":"))
        PeriodicReport.objects.filter(pk=report.pk).update(message=message)


class Migration(migrations.Migration):
    dependencies = [("coordination", "0003_flag_detail_kept")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
