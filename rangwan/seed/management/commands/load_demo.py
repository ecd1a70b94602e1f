from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from rangwan.programmes.models import Programme
from rangwan.seed.chachoengsao import PROGRAMME
from rangwan.seed.demo import DEMO_PASSWORD, load_demo
from rangwan.seed.demo_judged import play_through_judging


class Command(BaseCommand):
    help = "Load the Chachoengsao FY 2568 demo programme and accounts (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--judged",
            action="store_true",
            help=(
                "Also play the programme through judging, as in 2568: eleven dossiers, "
                "nine members' scores, final results (only if no district has registered)."
            ),
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            accounts = load_demo()
            if options["judged"]:
                programme = Programme.objects.get(
                    fiscal_year=PROGRAMME["fiscal_year"],
                    short_name_th=PROGRAMME["short_name_th"],
                )
                if play_through_judging(programme):
                    self.stdout.write("Played through judging: 11 dossiers, results final.")
                else:
                    self.stdout.write("Districts had already registered: not played again.")
        self.stdout.write(self.style.SUCCESS("Demo programme loaded: Chachoengsao, FY 2568."))
        self.stdout.write(f"Demo sign-ins at http://127.0.0.1:8000/ (password: {DEMO_PASSWORD})")
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.username:<{width}}  {account.role}  {account.who}")
