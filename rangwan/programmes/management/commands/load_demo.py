from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from rangwan.programmes.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the Chachoengsao FY 2568 demo programme and accounts (safe to run again)."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo programme loaded: Chachoengsao, FY 2568."))
        self.stdout.write(f"Demo sign-ins at http://127.0.0.1:8000/ (password: {DEMO_PASSWORD})")
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.username:<{width}}  {account.role}  {account.who}")
