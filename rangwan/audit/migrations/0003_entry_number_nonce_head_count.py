"""Each entry gets its place in the chain (`number`) and a nonce; the head gets the count.

Existing entries are numbered in id order (the order they were chained in: ids are
taken while the head is locked) and keep an empty nonce, so their hashes do not change.
"""

from django.db import migrations, models

NUMBER_ENTRIES = """
UPDATE audit_auditentry SET number = numbered.position
FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM audit_auditentry) AS numbered
WHERE audit_auditentry.id = numbered.id
"""
COUNT_ON_HEAD = "UPDATE audit_chainhead SET count = (SELECT COUNT(*) FROM audit_auditentry)"
# 0002's trigger refuses every UPDATE of an entry, this one too.
TRIGGER = "audit_auditentry_immutable"


def number_entries(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}")
    schema_editor.execute(NUMBER_ENTRIES)
    schema_editor.execute(COUNT_ON_HEAD)
    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_immutable_on_postgresql")]
    operations = [
        migrations.AddField(
            model_name="chainhead",
            name="count",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="nonce",
            field=models.CharField(blank=True, default="", max_length=32, verbose_name="nonce"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="number",
            field=models.PositiveBigIntegerField(null=True, verbose_name="number"),
        ),
        # Going back drops the column, so there is nothing to undo.
        migrations.RunPython(number_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="number",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="number"),
        ),
    ]
