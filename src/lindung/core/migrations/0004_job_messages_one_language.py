"""Background jobs keep their progress message as a msgid, shown in the reader's language
(lindung.common.stored_text); the older "Indonesian / English" messages become the msgid
(the Indonesian half), and "Gagal / Failed: X" the failure message with its parameter."""

import json

from django.db import migrations

FAILED = "Gagal / Failed: "


def forwards(apps, schema_editor):
    BackgroundJob = apps.get_model("core", "BackgroundJob")
    for job in BackgroundJob.objects.filter(message__contains=" / ").only("pk", "message"):
        if job.message.startswith(FAILED):
            message = json.dumps({"msgid": "Gagal: %(error)s",
                                  "params": {"error": job.message[len(FAILED):]}},
                                 ensure_ascii=False, separators=(",", ":"))
        else:
            message = job.message.split(" / ", 1)[0]
        BackgroundJob.objects.filter(pk=job.pk).update(message=message[:300])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_no_delete_sqlite")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
