import os
import zoneinfo
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.queries import chain_head
from rangwan.core.command_output import in_thai_and_english

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


class Command(BaseCommand):
    help = (
        "Print the audit record's checkpoint (COUNT:HASH) and the time, to keep outside the "
        "database: `verify_audit --checkpoint` later proves the record was not cut or "
        "rewritten up to it. With --output, write it to a file instead (quietly, for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="write to FILE, not to stdout")
        parser.add_argument(
            "--append", action="store_true", help="add to FILE if it exists already"
        )

    def handle(self, *args, output: str | None, append: bool, **options):
        when = timezone.now().astimezone(BANGKOK).isoformat(timespec="seconds")
        text = f"{chain_head()}\n# {when}\n"
        if output is None:
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        created = not path.exists()
        if not (created or append):
            raise CommandError(
                in_thai_and_english(
                    lambda: (
                        _("%(name)s exists already: add --append to add to it.") % {"name": output}
                    )
                )
            )
        # Not secret (a receipt prints one), so readable by whoever keeps the copies.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        if created:
            os.fchmod(descriptor, 0o644)
        with os.fdopen(descriptor, "w", encoding="utf-8") as target:
            target.write(text)
