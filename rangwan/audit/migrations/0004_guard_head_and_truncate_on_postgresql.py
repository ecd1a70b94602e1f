"""On PostgreSQL, the database refuses to cut the record or to move its head other than
forward by exactly one entry.

- The head cannot be deleted; an UPDATE must move it on by one entry, to the entry
  numbered NEW.count whose prev_hash is the old head's hash (what `record()` does, after
  inserting that entry in the same transaction); a head can be inserted only when there
  is none, and only describing the entries as they stand (genesis on an empty record; a
  restore loads the entries before the head).
- TRUNCATE of either table is refused unless the whole database is emptied in the same
  statement. The check runs AFTER the truncation (PostgreSQL fires AFTER TRUNCATE
  triggers once every table of the statement is empty) rather than BEFORE it: Django's
  `flush`, which the test suite runs after every transactional test, empties all tables
  in one TRUNCATE, and a record emptied together with everything it records hides
  nothing. Programmes are what shows that something was recorded (every way of making
  one writes an entry; see `rangwan.audit.verify`); the table is named, not imported.

0002's trigger already refuses UPDATE and DELETE of entries. A database superuser (or the
tables' owner) can still switch any trigger off: only a checkpoint kept outside the
database shows what was done then (`verify_audit --checkpoint`).
"""

from django.db import migrations


GENESIS = "0" * 64

# The SQL goes through the driver with parameters, so a literal % is written %%.
CREATE = f"""
CREATE OR REPLACE FUNCTION rangwan_audit_head_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit record is append-only: DELETE of the chain head refused';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id = OLD.id AND NEW.count = OLD.count + 1 AND EXISTS (
            SELECT 1 FROM audit_auditentry
            WHERE number = NEW.count AND hash = NEW.last_hash AND prev_hash = OLD.last_hash
        ) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION
            'audit record is append-only: the head moves on by one entry only (%% to %% refused)',
            OLD.count, NEW.count;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_chainhead) THEN
        RAISE EXCEPTION 'audit record is append-only: there is a chain head already';
    END IF;
    IF NEW.count = 0 AND NEW.last_hash = '{GENESIS}'
        AND NOT EXISTS (SELECT 1 FROM audit_auditentry) THEN
        RETURN NEW;
    END IF;
    IF EXISTS (
        SELECT 1 FROM audit_auditentry WHERE number = NEW.count AND hash = NEW.last_hash
    ) AND NOT EXISTS (SELECT 1 FROM audit_auditentry WHERE number > NEW.count) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION
        'audit record is append-only: a chain head (count %%) unlike the last entry refused',
        NEW.count;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_chainhead_guard
    BEFORE INSERT OR UPDATE OR DELETE ON audit_chainhead
    FOR EACH ROW EXECUTE FUNCTION rangwan_audit_head_guard();

CREATE OR REPLACE FUNCTION rangwan_audit_truncate_guard() RETURNS trigger AS $$
DECLARE
    programmes boolean := false;
BEGIN
    IF to_regclass('programmes_programme') IS NOT NULL THEN
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM programmes_programme)' INTO programmes;
    END IF;
    IF programmes OR EXISTS (SELECT 1 FROM audit_auditentry)
        OR EXISTS (SELECT 1 FROM audit_chainhead) THEN
        RAISE EXCEPTION 'audit record is append-only: TRUNCATE of %% refused', TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditentry_truncate_guard
    AFTER TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION rangwan_audit_truncate_guard();
CREATE TRIGGER audit_chainhead_truncate_guard
    AFTER TRUNCATE ON audit_chainhead
    FOR EACH STATEMENT EXECUTE FUNCTION rangwan_audit_truncate_guard();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_chainhead_truncate_guard ON audit_chainhead;
DROP TRIGGER IF EXISTS audit_auditentry_truncate_guard ON audit_auditentry;
DROP FUNCTION IF EXISTS rangwan_audit_truncate_guard();
DROP TRIGGER IF EXISTS audit_chainhead_guard ON audit_chainhead;
DROP FUNCTION IF EXISTS rangwan_audit_head_guard();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_entry_number_nonce_head_count")]
    operations = [migrations.RunPython(create, drop)]
