from pathlib import Path

from django.core.management.base import BaseCommand

from rangwan.core.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write the database and the private evidence and generated files to one tar.gz "
        "archive with a manifest (row counts, every file's SHA-256)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        manifest = write_backup(archive)
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(f"{archive}: {rows} rows, {len(manifest['files'])} files.")
        )
