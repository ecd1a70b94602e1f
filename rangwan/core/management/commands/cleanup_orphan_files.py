from django.core.management.base import BaseCommand

from rangwan.core.orphan_files import delete_orphan_files, find_orphan_files


class Command(BaseCommand):
    help = (
        "List the files in the evidence and generated storages that no row refers to and "
        "that are more than an hour old; with --delete, remove them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove them (default: list).")

    def handle(self, *args, delete: bool, **options):
        orphans = find_orphan_files()
        for orphan in orphans:
            self.stdout.write(f"{orphan.storage}/{orphan.name} ({orphan.size} bytes)")
        if delete:
            delete_orphan_files(orphans)
            self.stdout.write(self.style.SUCCESS(f"Deleted {len(orphans)} orphan files."))
        else:
            self.stdout.write(f"{len(orphans)} orphan files (dry run: add --delete to remove).")
