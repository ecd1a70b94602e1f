import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rangwan.accounts.models import User
from rangwan.api.services import create_token


class Command(BaseCommand):
    help = (
        "Make an API token for an account and print it once (only its SHA-256 is kept). "
        "The token reads what the account may read on the web pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the account the token reads as")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument(
            "--actor",
            default="secretariat",
            help="the secretariat's username, recorded as the maker (default: secretariat)",
        )
        parser.add_argument("--days", type=int, help="expires after this many days")

    def handle(self, *args, user: str, name: str, actor: str, days: int | None, **options):
        try:
            owner = User.objects.get(username=user)
            maker = User.objects.get(username=actor)
        except User.DoesNotExist as error:
            raise CommandError(f"No such account: {error}") from error
        if not maker.has_perm("api.add_apitoken"):
            raise CommandError("Only the secretariat may make API tokens (see --actor).")
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        try:
            token, secret = create_token(user=owner, name=name, actor=maker, expires_at=expires_at)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(
            f"Token {token.prefix}… for {owner.username} ({name}). "
            "Copy it now: it is shown this once only."
        )
        self.stdout.write(secret)
