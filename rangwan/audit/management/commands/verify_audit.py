from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rangwan.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Walk the audit record's hash chain and name the first broken link."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            checked, broken = verify_chain()
            if broken:
                raise CommandError(broken.message)
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} entries."))
