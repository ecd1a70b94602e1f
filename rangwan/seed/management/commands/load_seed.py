from django.core.management.base import BaseCommand
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rangwan.core.command_output import in_thai_and_english
from rangwan.seed.chachoengsao import load_seed


class Command(BaseCommand):
    help = (
        "Load Chachoengsao's reference data from the seed document: the province and its "
        "office, the 11 districts and their offices, the kinds of officer and network. "
        "With --programme-2568, also the FY 2568 programme (work plan, rubric, deadlines) "
        "to copy next year's from. No people and no accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--programme-2568",
            action="store_true",
            help="also the FY 2568 programme, as a template for copy_programme",
        )

    def handle(self, *args, programme_2568: bool, **options):
        province, programme = load_seed(programme=programme_2568)
        self.stdout.write(
            in_thai_and_english(
                lambda: (
                    _("Loaded %(province)s: %(districts)d districts.")
                    % {
                        "province": province.name_th
                        if get_language() == "th"
                        else province.name_en,
                        "districts": province.districts.count(),
                    }
                )
            )
        )
        if programme is not None:
            self.stdout.write(
                in_thai_and_english(
                    lambda: (
                        _("The FY %(year)s programme is ready (id %(id)s).")
                        % {"year": programme.fiscal_year, "id": programme.pk}
                    )
                )
            )
