import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.accounts.models import User
from rangwan.api.services import create_token
from rangwan.core.command_output import error_in_thai_and_english, in_thai_and_english


class Command(BaseCommand):
    help = (
        "Make an API token for an account and print it once (only its SHA-256 is kept). "
        "The token reads what the account may read on the web pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the account the token reads as")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument(
            "--actor", required=True, help="the secretariat's username, recorded as the maker"
        )
        parser.add_argument("--days", type=int, help="expires after this many days")

    def handle(self, *args, user: str, name: str, actor: str, days: int | None, **options):
        for username in (user, actor):
            if not User.objects.filter(username=username).exists():
                raise CommandError(
                    in_thai_and_english(
                        lambda name=username: _("No user named “%(name)s”.") % {"name": name}
                    )
                )
        owner = User.objects.get(username=user)
        maker = User.objects.get(username=actor)
        if not maker.has_perm("api.add_apitoken"):
            raise CommandError(
                in_thai_and_english(
                    lambda: _("Only the secretariat may make API tokens (see --actor).")
                )
            )
        if days is not None and days < 1:
            raise CommandError(in_thai_and_english(lambda: _("--days must be 1 or more.")))
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        try:
            token, secret = create_token(user=owner, name=name, actor=maker, expires_at=expires_at)
        except ValidationError as error:
            raise CommandError(error_in_thai_and_english(error)) from error
        self.stderr.write(
            in_thai_and_english(
                lambda: (
                    _(
                        "Token %(prefix)s… for %(user)s (%(name)s). Copy it now: it is shown "
                        "this once only."
                    )
                    % {"prefix": token.prefix, "user": owner.username, "name": name}
                )
            )
        )
        self.stdout.write(secret)
