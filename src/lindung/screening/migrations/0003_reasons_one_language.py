"""Screening reasons keep the rule's text in both languages (text_id, text_en) and the page
shows the reader's; the older reasons had one "Indonesian / English" text, split here."""

from django.db import migrations


def _split(reasons):
    changed = False
    for reason in reasons:
        text = reason.get("text")
        if isinstance(text, str) and " / " in text and "text_id" not in reason:
            reason["text_id"], reason["text_en"] = text.split(" / ", 1)
            del reason["text"]
            changed = True
    return changed


def forwards(apps, schema_editor):
    for model in ("ScreenedPassenger", "Alert", "AlertHit"):
        Model = apps.get_model("screening", model)
        for row in Model.objects.only("pk", "reasons").iterator(chunk_size=1000):
            if row.reasons and _split(row.reasons):
                Model.objects.filter(pk=row.pk).update(reasons=row.reasons)


class Migration(migrations.Migration):
    dependencies = [("screening", "0002_journey_and_one_open_alert")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
