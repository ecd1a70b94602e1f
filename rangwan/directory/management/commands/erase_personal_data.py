from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rangwan.core.command_output import in_thai_and_english
from rangwan.directory.models import Person
from rangwan.directory.services import erase_person

User = get_user_model()


class Command(BaseCommand):
    help = (
        "Erase one person's name, contacts and photos, once their programmes' results are "
        "final and the retention period has passed. Audit entries and frozen results stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--person", type=int, required=True)
        parser.add_argument("--actor", required=True, help="the secretariat's username")

    def handle(self, *args, person: int, actor: str, **options):
        actor_user = User.objects.filter(username=actor).first()
        if actor_user is None:
            raise CommandError(
                in_thai_and_english(lambda: _("No user named “%(name)s”.") % {"name": actor})
            )
        if not actor_user.has_perm("directory.erase_personal_data"):
            raise CommandError("Only the secretariat may erase personal data.")
        try:
            erase_person(person=Person.objects.get(pk=person), actor=actor_user)
        except (ValidationError, Person.DoesNotExist) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(self.style.SUCCESS(f"Person {person} erased."))
