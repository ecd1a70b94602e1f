import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rangwan.directory.models import Person
from rangwan.directory.personal_data import ENCODER, export_person, export_user

User = get_user_model()


class Command(BaseCommand):
    help = "Print as JSON everything held on one person (--person ID) or account (--user NAME)."

    def add_arguments(self, parser):
        parser.add_argument("--person", type=int)
        parser.add_argument("--user")

    def handle(self, *args, person: int | None, user: str | None, **options):
        if (person is None) == (user is None):
            raise CommandError("Give exactly one of --person ID or --user USERNAME.")
        try:
            data = (
                export_person(Person.objects.get(pk=person))
                if person is not None
                else export_user(User.objects.get(username=user))
            )
        except (Person.DoesNotExist, User.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(data, cls=ENCODER, ensure_ascii=False, indent=1))
