from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from rangwan.audit.queries import Checkpoint, parse_checkpoint
from rangwan.audit.verify import chain_breaks, run_registered_checks
from rangwan.core.command_output import in_thai_and_english


class Command(BaseCommand):
    help = (
        "Walk the audit record's hash chain and name every problem: a broken link, a head "
        "that does not match, an emptied record; prove it still holds each checkpoint "
        "given (COUNT:HASH, as audit_checkpoint writes them); then run the checks other "
        "apps add (the frozen results)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="COUNT:HASH",
            help="a checkpoint kept outside the database (repeat for several)",
        )
        parser.add_argument(
            "--checkpoints-file",
            metavar="FILE",
            help="checkpoints one a line, as audit_checkpoint writes them; # comments and "
            "blank lines are ignored",
        )

    def handle(self, *args, checkpoint: list[str], checkpoints_file: str | None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            checkpoints = [self._parse(text) for text in checkpoint]
            if checkpoints_file:
                checkpoints += self._read(checkpoints_file)
            checked, breaks = chain_breaks(checkpoints)
            problems = [b.message for b in breaks] + run_registered_checks()
            if problems:
                raise CommandError("\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                in_thai_and_english(
                    lambda: [
                        _("Audit chain intact: %(count)s entries.") % {"count": checked},
                        *(
                            _("Checkpoint %(checkpoint)s confirmed.") % {"checkpoint": c}
                            for c in checkpoints
                        ),
                    ]
                )
            )
        )

    def _parse(self, text: str, where: str = "") -> Checkpoint:
        try:
            return parse_checkpoint(text)
        except ValueError as error:
            raise CommandError(f"{where}{error}") from error

    def _read(self, name: str) -> list[Checkpoint]:
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(
                _("Cannot read the checkpoints file %(name)s: %(error)s")
                % {"name": name, "error": error.strerror}
            ) from error
        return [
            self._parse(line, _("%(name)s, line %(line)s: ") % {"name": name, "line": number})
            for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
