from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rangwan.accounts.models import User
from rangwan.core.command_output import in_thai_and_english
from rangwan.results.models import Results
from rangwan.results.services import reveal_results_key


class Command(BaseCommand):
    help = (
        "Print the secret key of a programme's results, for an appointed auditor: with it, "
        "`rangwan_verify.py BUNDLE DIGEST --key KEY` shows which seat gave each published "
        "score sheet. The key is never published; every reveal is in the audit record."
    )

    def add_arguments(self, parser):
        parser.add_argument("programme", type=int, help="the programme's id")
        parser.add_argument(
            "--actor", required=True, help="who asks for the key (the secretariat's username)"
        )

    def handle(self, *args, programme: int, actor: str, **options):
        user = User.objects.filter(username=actor).first()
        if user is None:
            raise CommandError(
                in_thai_and_english(lambda: _("No user named “%(name)s”.") % {"name": actor})
            )
        if not user.has_perm("results.reveal_key"):
            raise CommandError(
                in_thai_and_english(
                    lambda: _("Only the secretariat may reveal the results key (see --actor).")
                )
            )
        results = Results.objects.filter(programme_id=programme).first()
        if results is None:
            raise CommandError(
                in_thai_and_english(lambda: _("The results have not been published yet."))
            )
        self.stdout.write(reveal_results_key(results=results, actor=user))
