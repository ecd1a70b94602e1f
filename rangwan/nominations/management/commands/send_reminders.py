from django.core.management.base import BaseCommand
from django.utils import timezone

from rangwan.nominations.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Email districts that have not yet met a deadline, 7 and 1 days before it "
        "(REMINDER_DAYS). Safe to run from cron several times a day: nothing is sent twice."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders(timezone.localdate())
        for reminder in sent:
            self.stdout.write(
                f"{reminder.district.code} {reminder.kind} {reminder.deadline} "
                f"-{reminder.days_before}d → {reminder.recipients} recipient(s)"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder(s) sent."))
