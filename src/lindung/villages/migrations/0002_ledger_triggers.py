"""Database-level protection of the cooperative ledger (see villages/models/ledger.py).

Both databases: journal entries and lines cannot be updated; nothing is inserted into a
closed accounting period or outside the period's dates; a closed period cannot be changed.
PostgreSQL also refuses DELETE of entries and lines, and checks at COMMIT (a deferred
constraint trigger) that every entry has at least two lines and balances. On SQLite, DELETE
is refused by the ORM only (Django's test flush empties tables with DELETE on SQLite, so a
trigger there would make the test database unusable), and the balance is checked by the
posting service inside the same transaction.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER villages_journalentry_no_update BEFORE UPDATE ON villages_journalentry
       BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;""",
    """CREATE TRIGGER villages_journalline_no_update BEFORE UPDATE ON villages_journalline
       BEGIN SELECT RAISE(ABORT, 'journal lines are append-only'); END;""",
    """CREATE TRIGGER villages_journalentry_open_period BEFORE INSERT ON villages_journalentry
       WHEN (SELECT closed_at IS NOT NULL OR NEW.entry_date < starts_on
                    OR NEW.entry_date > ends_on
             FROM villages_accountingperiod WHERE id = NEW.period_id)
       BEGIN SELECT RAISE(ABORT, 'accounting period is closed or does not contain the date');
       END;""",
    """CREATE TRIGGER villages_journalline_open_period BEFORE INSERT ON villages_journalline
       WHEN (SELECT p.closed_at IS NOT NULL FROM villages_journalentry e
             JOIN villages_accountingperiod p ON p.id = e.period_id WHERE e.id = NEW.entry_id)
       BEGIN SELECT RAISE(ABORT, 'accounting period is closed'); END;""",
    """CREATE TRIGGER villages_accountingperiod_stays_closed
       BEFORE UPDATE ON villages_accountingperiod WHEN OLD.closed_at IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'a closed accounting period stays closed'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS villages_journalentry_no_update;",
    "DROP TRIGGER IF EXISTS villages_journalline_no_update;",
    "DROP TRIGGER IF EXISTS villages_journalentry_open_period;",
    "DROP TRIGGER IF EXISTS villages_journalline_open_period;",
    "DROP TRIGGER IF EXISTS villages_accountingperiod_stays_closed;",
]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION villages_ledger_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER villages_journalentry_append_only
       BEFORE UPDATE OR DELETE ON villages_journalentry
       FOR EACH ROW EXECUTE FUNCTION villages_ledger_append_only();""",
    """CREATE TRIGGER villages_journalline_append_only
       BEFORE UPDATE OR DELETE ON villages_journalline
       FOR EACH ROW EXECUTE FUNCTION villages_ledger_append_only();""",
    """CREATE OR REPLACE FUNCTION villages_journalentry_open_period() RETURNS trigger AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM villages_accountingperiod p WHERE p.id = NEW.period_id
                    AND (p.closed_at IS NOT NULL OR NEW.entry_date < p.starts_on
                         OR NEW.entry_date > p.ends_on)) THEN
           RAISE EXCEPTION 'accounting period is closed or does not contain the date';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER villages_journalentry_open_period BEFORE INSERT ON villages_journalentry
       FOR EACH ROW EXECUTE FUNCTION villages_journalentry_open_period();""",
    """CREATE OR REPLACE FUNCTION villages_journalline_open_period() RETURNS trigger AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM villages_journalentry e
                    JOIN villages_accountingperiod p ON p.id = e.period_id
                    WHERE e.id = NEW.entry_id AND p.closed_at IS NOT NULL) THEN
           RAISE EXCEPTION 'accounting period is closed';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER villages_journalline_open_period BEFORE INSERT ON villages_journalline
       FOR EACH ROW EXECUTE FUNCTION villages_journalline_open_period();""",
    """CREATE OR REPLACE FUNCTION villages_accountingperiod_stays_closed() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'a closed accounting period stays closed'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER villages_accountingperiod_stays_closed
       BEFORE UPDATE OR DELETE ON villages_accountingperiod
       FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL)
       EXECUTE FUNCTION villages_accountingperiod_stays_closed();""",
    """CREATE OR REPLACE FUNCTION villages_journalentry_balanced() RETURNS trigger AS $$
       DECLARE
         entry uuid;
         difference bigint;
         line_count integer;
       BEGIN
         IF TG_TABLE_NAME = 'villages_journalentry' THEN entry := NEW.id;
         ELSE entry := NEW.entry_id; END IF;
         SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0), COUNT(*)
           INTO difference, line_count FROM villages_journalline WHERE entry_id = entry;
         IF line_count < 2 OR difference <> 0 THEN
           RAISE EXCEPTION 'journal entry % is not balanced (% lines, difference %)',
             entry, line_count, difference;
         END IF;
         RETURN NULL;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE CONSTRAINT TRIGGER villages_journalentry_balanced
       AFTER INSERT ON villages_journalentry DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW EXECUTE FUNCTION villages_journalentry_balanced();""",
    """CREATE CONSTRAINT TRIGGER villages_journalline_balanced
       AFTER INSERT ON villages_journalline DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW EXECUTE FUNCTION villages_journalentry_balanced();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS villages_journalline_balanced ON villages_journalline;",
    "DROP TRIGGER IF EXISTS villages_journalentry_balanced ON villages_journalentry;",
    "DROP FUNCTION IF EXISTS villages_journalentry_balanced();",
    "DROP TRIGGER IF EXISTS villages_accountingperiod_stays_closed "
    "ON villages_accountingperiod;",
    "DROP FUNCTION IF EXISTS villages_accountingperiod_stays_closed();",
    "DROP TRIGGER IF EXISTS villages_journalline_open_period ON villages_journalline;",
    "DROP FUNCTION IF EXISTS villages_journalline_open_period();",
    "DROP TRIGGER IF EXISTS villages_journalentry_open_period ON villages_journalentry;",
    "DROP FUNCTION IF EXISTS villages_journalentry_open_period();",
    "DROP TRIGGER IF EXISTS villages_journalline_append_only ON villages_journalline;",
    "DROP TRIGGER IF EXISTS villages_journalentry_append_only ON villages_journalentry;",
    "DROP FUNCTION IF EXISTS villages_ledger_append_only();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    statements = (POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql"
                  else SQLITE_REVERSE)
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("villages", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
