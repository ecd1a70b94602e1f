"""On PostgreSQL, the database itself refuses to change or delete an audit entry."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION rangwan_audit_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: %% refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditentry_immutable
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION rangwan_audit_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_auditentry_immutable ON audit_auditentry;
DROP FUNCTION IF EXISTS rangwan_audit_immutable();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
