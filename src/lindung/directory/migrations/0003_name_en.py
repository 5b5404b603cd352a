"""Agencies and sites carry their English name (issue 16), shown to a reader who chose
English; the reference records already in the database get it from the package's reference
data (the same values `load_reference` writes)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    try:
        from lindung.directory import seed
    except ImportError:  # the module moved since: `load_reference` fills the names
        return
    Agency = apps.get_model("directory", "Agency")
    Site = apps.get_model("directory", "Site")
    for row in seed.AGENCIES:
        Agency.objects.filter(code=row.code, name_en="").update(name_en=row.name_en)
    sites = [("embarkation_point", point.name, point.name_en)
             for point in seed.EMBARKATION_POINTS]
    sites += [("ltsa_centre", centre.name, centre.name_en) for centre in seed.ltsa_centres()]
    sites += [("mission", row.short_name, row.name_en) for row in seed.MISSIONS]
    for kind, name, name_en in sites:
        Site.objects.filter(kind=kind, name=name, name_en="").update(name_en=name_en)


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0002_site_area_codes'),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='name_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='nama dalam bahasa Inggris'),
        ),
        migrations.AddField(
            model_name='site',
            name='name_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='nama dalam bahasa Inggris'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
