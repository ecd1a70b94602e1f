"""Results become a public bundle (RFC 8785, anonymous sheets) plus a private snapshot;
the per-seat "member k" labels go. Results published before this migration are frozen
again in the new form, and the change is recorded in the audit chain as
`results.reissue` (old digest -> new digest), so the record explains why the published
digest changed.

This step runs the application's own code (rangwan.results.services.reissue_bundle) on
rows that exist when it is applied: it must run against the schema of the apps that code
reads, hence the dependencies below. A fresh database has no results and does nothing.
"""

from django.db import migrations, models


def reissue(apps, schema_editor):
    from rangwan.results.models import Results
    from rangwan.results.services import reissue_bundle

    for results in Results.objects.order_by("pk"):
        reissue_bundle(results=results, reason="format rangwan-results-bundle/1")


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0002_public_member_labels"),
        ("audit", "0004_guard_head_and_truncate_on_postgresql"),
        ("judging", "0004_declaration_withdrawn"),
        ("nominations", "0001_initial"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="results", name="member_labels"),
        migrations.AddField(
            model_name="results",
            name="bundle",
            field=models.TextField(default="", verbose_name="results bundle"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="results",
            name="snapshot_digest",
            field=models.CharField(
                default="", max_length=64, verbose_name="SHA-256 of the private snapshot"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="results",
            name="snapshot",
            field=models.JSONField(verbose_name="private snapshot"),
        ),
        migrations.RunPython(reissue, migrations.RunPython.noop),
    ]
