from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rangwan.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Load an archive written by `backup` into this migrated, empty database and the "
        "private storages, after checking every file's SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--allow-nonempty",
            action="store_true",
            help="Load even though the database already holds rows (rows with the same "
            "primary key are overwritten).",
        )

    def handle(self, *args, archive: Path, allow_nonempty: bool, **options):
        try:
            manifest = restore_backup(archive, allow_nonempty=allow_nonempty)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {rows} rows and {len(manifest['files'])} files.")
        )
