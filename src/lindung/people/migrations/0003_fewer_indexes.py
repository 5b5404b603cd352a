"""Fewer indexes on the registry's high-volume tables (census import, issue 6).

Dropped: the created_by/updated_by indexes of Person and Household (nothing looks them up
by author; the foreign keys stay), and on PostgreSQL the LIKE-prefix ("_like") twins that
db_index=True adds to character columns that are never prefix-searched (NIK and passport
hashes, search_name, village). The plain indexes on nik_index, passport_index, search_name
and village stay, renamed as Meta indexes. The partial unique index on nik_index
(person_unique_nik) is not touched.

The database work is explicit (DROP INDEX IF EXISTS by name, then the new indexes): Django's
own AlterField would rebuild each SQLite table once per field, and on PostgreSQL it would
also drop person_unique_nik together with the nik_index index without re-creating it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (index, table, column, LIKE-prefix twin: PostgreSQL only)
DROPPED = [
    ("people_household_created_by_id_02aabdee", "people_household", "created_by_id", False),
    ("people_household_updated_by_id_15dfe493", "people_household", "updated_by_id", False),
    ("people_household_village_id_8a539702", "people_household", "village_id", False),
    ("people_household_village_id_8a539702_like", "people_household", "village_id", True),
    ("people_person_created_by_id_82aa5eb7", "people_person", "created_by_id", False),
    ("people_person_updated_by_id_3237d795", "people_person", "updated_by_id", False),
    ("people_person_nik_index_1395fc12", "people_person", "nik_index", False),
    ("people_person_nik_index_1395fc12_like", "people_person", "nik_index", True),
    ("people_person_passport_index_3c2a858d", "people_person", "passport_index", False),
    ("people_person_passport_index_3c2a858d_like", "people_person", "passport_index", True),
    ("people_person_search_name_fcd58d39", "people_person", "search_name", False),
    ("people_person_search_name_fcd58d39_like", "people_person", "search_name", True),
    ("people_person_village_id_15c6ef38", "people_person", "village_id", False),
    ("people_person_village_id_15c6ef38_like", "people_person", "village_id", True),
]


def drop_indexes(apps, schema_editor):
    for name, _table, _column, _like in DROPPED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore_indexes(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, table, column, like in DROPPED:
        if like and not postgres:
            continue
        opclass = " varchar_pattern_ops" if like else ""
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}"{opclass})')


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_matching'),
        ('regions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='household',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='household',
                    name='updated_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='household',
                    name='village',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='desa/kelurahan'),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='nik_index',
                    field=models.CharField(blank=True, editable=False, max_length=40),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='passport_index',
                    field=models.CharField(blank=True, editable=False, max_length=40),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='search_name',
                    field=models.CharField(editable=False, max_length=200),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='updated_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='village',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='desa/kelurahan'),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_indexes, restore_indexes),
            ],
        ),
        migrations.AddIndex(
            model_name='household',
            index=models.Index(fields=['village'], name='household_village'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['nik_index'], name='person_nik_index'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['passport_index'], name='person_passport_index'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['search_name'], name='person_search_name'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['village'], name='person_village'),
        ),
    ]
