"""Fewer indexes on the tables a census import fills in bulk (issue 6).

Dropped: the created_by/updated_by indexes of CensusHousehold, StayAbroad, ChildProfile and
ChildCard (nothing looks these rows up by author; the foreign keys stay), the index on
CensusHousehold.programme_village (the unique (programme_village, household_key) leads with
it) and on ChildCard.child (the unique (child, kind) leads with it).

The database work is explicit (DROP INDEX IF EXISTS by name): Django's own AlterField would
rebuild each SQLite table once per field.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (index, table, column, LIKE-prefix twin: PostgreSQL only)
DROPPED = [
    ("villages_censushousehold_created_by_id_f3262932", "villages_censushousehold", "created_by_id", False),
    ("villages_censushousehold_updated_by_id_47cf5bda", "villages_censushousehold", "updated_by_id", False),
    ("villages_censushousehold_programme_village_id_c8b6ad0b", "villages_censushousehold", "programme_village_id", False),
    ("villages_childcard_created_by_id_36a860c5", "villages_childcard", "created_by_id", False),
    ("villages_childcard_updated_by_id_7746c970", "villages_childcard", "updated_by_id", False),
    ("villages_childcard_child_id_b3e080b8", "villages_childcard", "child_id", False),
    ("villages_childprofile_created_by_id_ef15d33f", "villages_childprofile", "created_by_id", False),
    ("villages_childprofile_updated_by_id_e53793b7", "villages_childprofile", "updated_by_id", False),
    ("villages_stayabroad_created_by_id_d3feeda7", "villages_stayabroad", "created_by_id", False),
    ("villages_stayabroad_updated_by_id_bd59bd25", "villages_stayabroad", "updated_by_id", False),
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
        ('villages', '0002_ledger_triggers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='censushousehold',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='censushousehold',
                    name='programme_village',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='households', to='villages.programmevillage'),
                ),
                migrations.AlterField(
                    model_name='censushousehold',
                    name='updated_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='childcard',
                    name='child',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='cards', to='villages.childprofile'),
                ),
                migrations.AlterField(
                    model_name='childcard',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='childcard',
                    name='updated_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='childprofile',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='childprofile',
                    name='updated_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='stayabroad',
                    name='created_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='stayabroad',
                    name='updated_by',
                    field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_indexes, restore_indexes),
            ],
        ),
    ]
