import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.accounts.services import create_account
from rangwan.core.command_output import error_in_thai_and_english, in_thai_and_english

PASSWORD_VARIABLE = "RANGWAN_SECRETARIAT_PASSWORD"  # noqa: S105 - a name, not a password


class Command(BaseCommand):
    help = (
        "Create a secretariat account: the first account of a new installation, from which "
        "every other is made (Django admin or import_users). Never a superuser. The "
        f"password is asked for twice, or read from {PASSWORD_VARIABLE} with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--title", default="", help="นาย, นาง, นางสาว")
        parser.add_argument("--position", default="")
        parser.add_argument(
            "--no-input", action="store_true", help=f"read the password from {PASSWORD_VARIABLE}"
        )

    def handle(self, *args, username, email, first_name, last_name, title, position, **options):
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(
                in_thai_and_english(
                    lambda: _("An account named “%(name)s” exists already.") % {"name": username}
                )
            )
        candidate = User(username=username, first_name=first_name, last_name=last_name, email=email)
        password = self._password(candidate, no_input=options["no_input"])
        try:
            user = create_account(
                actor=None,
                username=username,
                role=Role.SECRETARIAT,
                password=password,
                title=title,
                first_name=first_name,
                last_name=last_name,
                email=email,
                position=position,
            )
        except ValidationError as error:
            raise CommandError(error_in_thai_and_english(error)) from error
        self.stdout.write(
            in_thai_and_english(
                lambda: _("Created the secretariat account “%(name)s”.") % {"name": user.username}
            )
        )

    def _password(self, candidate: User, *, no_input: bool) -> str:
        if no_input:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(
                    in_thai_and_english(
                        lambda: (
                            _("Set %(variable)s to the password.") % {"variable": PASSWORD_VARIABLE}
                        )
                    )
                )
        else:
            password = getpass.getpass(in_thai_and_english(lambda: _("Password:")) + " ")
            again = getpass.getpass(in_thai_and_english(lambda: _("Password again:")) + " ")
            if password != again:
                raise CommandError(
                    in_thai_and_english(lambda: _("The two passwords are not the same."))
                )
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            # The validators translate as they refuse: ask them again in each language.
            raise CommandError(
                in_thai_and_english(lambda: _password_problems(password, candidate))
            ) from error
        return password


def _password_problems(password: str, user: User) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []
