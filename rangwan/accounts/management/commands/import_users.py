import csv
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rangwan.accounts.account_import import AccountImport, create_accounts, read_accounts_csv
from rangwan.accounts.models import User
from rangwan.core.command_output import in_thai_and_english
from rangwan.documents.spreadsheets import neutralise


class Command(BaseCommand):
    help = (
        "Create accounts (district staff, district heads, and any other role) from a CSV "
        "file with a header row. Every row is checked first; one problem and nothing is "
        "written. Accounts that exist are left as they are. Each new account gets a random "
        "password, written only to --passwords-out (mode 0600)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV, UTF-8 (with or without BOM)")
        parser.add_argument("--actor", required=True, help="a secretariat user's username")
        parser.add_argument(
            "--passwords-out",
            type=Path,
            help="new file for the user names and passwords (required unless --dry-run)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and show, write nothing")

    def handle(self, *args, file: Path, actor: str, passwords_out, dry_run: bool, **options):
        actor_user = User.objects.filter(username=actor).first()
        if actor_user is None:
            raise CommandError(
                in_thai_and_english(lambda: _("No user named “%(name)s”.") % {"name": actor})
            )
        if not actor_user.has_perm("accounts.add_user"):
            raise CommandError(
                in_thai_and_english(
                    lambda: (
                        _("Only the secretariat may create accounts; %(name)s is %(role)s.")
                        % {"name": actor, "role": actor_user.get_role_display()}
                    )
                )
            )
        if not dry_run and passwords_out is None:
            raise CommandError(
                in_thai_and_english(
                    lambda: _(
                        "Give --passwords-out FILE: the new accounts' passwords are written "
                        "there and nowhere else."
                    )
                )
            )
        if passwords_out is not None and not dry_run and os.path.lexists(passwords_out):
            raise CommandError(self._exists(passwords_out))
        try:
            data = file.read_bytes()
        except OSError as error:
            reason = error.strerror
            raise CommandError(
                in_thai_and_english(
                    lambda: _("Cannot read %(file)s: %(error)s") % {"file": file, "error": reason}
                )
            ) from error

        plan = read_accounts_csv(data)
        if plan.problems:
            self.stderr.write(in_thai_and_english(lambda: [str(p) for p in plan.problems]))
            raise CommandError(
                in_thai_and_english(
                    lambda: (
                        ngettext(
                            "%(count)s problem in %(file)s: nothing was written.",
                            "%(count)s problems in %(file)s: nothing was written.",
                            len(plan.problems),
                        )
                        % {"count": len(plan.problems), "file": file}
                    )
                )
            )
        if dry_run or not plan.to_create:
            self.stdout.write(in_thai_and_english(lambda: describe_import(plan, dry_run=dry_run)))
            return
        created = self._create(plan, actor_user, passwords_out)
        self.stdout.write(
            in_thai_and_english(
                lambda: [
                    *describe_import(plan, dry_run=False),
                    ngettext(
                        "The password is in %(file)s, readable by you alone: hand it over "
                        "in person, then delete the file.",
                        "The %(count)s passwords are in %(file)s, readable by you alone: "
                        "hand each one over in person, then delete the file.",
                        len(created),
                    )
                    % {"count": len(created), "file": passwords_out},
                ]
            )
        )

    def _create(self, plan: AccountImport, actor_user, passwords_out: Path) -> list:
        try:
            # O_EXCL: never overwrite (nor follow a link planted in the way); 0600 from the
            # start, so the passwords are never readable by anyone else, even briefly.
            fd = os.open(passwords_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as error:
            raise CommandError(self._exists(passwords_out)) from error
        try:
            os.fchmod(fd, 0o600)  # whatever the umask
            # The file is written inside the transaction: if it cannot be, no account
            # is created whose password nobody knows.
            with (
                os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out,
                transaction.atomic(),
            ):
                created = create_accounts(rows=plan.to_create, actor=actor_user)
                writer = csv.writer(out)
                writer.writerow(["username", "password", "name", "role", "district", "email"])
                for user, password in created:
                    writer.writerow(
                        [
                            neutralise(user.username),
                            password,
                            neutralise(user.display_name),
                            user.role,
                            user.district.code if user.district else "",
                            neutralise(user.email),
                        ]
                    )
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            os.unlink(passwords_out)
            raise
        return created

    def _exists(self, path: Path) -> str:
        return in_thai_and_english(
            lambda: (
                _("%(file)s already exists: give a new file name for the passwords.")
                % {"file": path}
            )
        )


def describe_import(plan: AccountImport, *, dry_run: bool) -> list[str]:
    """What the file did (or would do), in the active language."""
    count = len(plan.to_create)
    if dry_run:
        heading = ngettext(
            "Dry run: would create %(count)s account (nothing was written):",
            "Dry run: would create %(count)s accounts (nothing was written):",
            count,
        )
    else:
        heading = ngettext("Created %(count)s account:", "Created %(count)s accounts:", count)
    lines = [heading % {"count": count}]
    lines += ["  " + row.describe() for row in plan.to_create]
    if plan.existing:
        lines.append(
            ngettext(
                "Left as it is: %(count)s account that already exists:",
                "Left as they are: %(count)s accounts that already exist:",
                len(plan.existing),
            )
            % {"count": len(plan.existing)}
        )
        lines += [f"  {row.row:>4}  {row.username}" for row in plan.existing]
    return lines
