from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rangwan.audit.verify import verify_chain


class Command(BaseCommand):
    help = (
        "Walk the audit record's hash chain and name the first broken link; re-check every "
        "frozen result against its SHA-256 and against the scores in the database."
    )

    def handle(self, *args, **options):
        from rangwan.results.enums import ResultStatus
        from rangwan.results.models import Results
        from rangwan.results.services import verify_results

        with translation.override(settings.LANGUAGE_CODE):
            checked, broken = verify_chain()
            problems = [broken.message] if broken else []
            finals = Results.objects.filter(status=ResultStatus.FINAL).select_related("programme")
            for results in finals:
                problems += verify_results(results)
            if problems:
                raise CommandError("\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {checked} entries. Frozen results intact: {finals.count()}."
            )
        )
