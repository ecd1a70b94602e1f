from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rangwan.accounts.models import User
from rangwan.core.command_output import error_in_thai_and_english, in_thai_and_english
from rangwan.core.thai import arabic_digits, date_short
from rangwan.programmes.models import DATE_FIELDS, Programme
from rangwan.programmes.services import copy_programme_to_next_year


def year(value: str) -> int:
    """A B.E. year, in Arabic or Thai digits."""
    return int(arabic_digits(value))


class Command(BaseCommand):
    help = (
        "Create a later year's programme from an earlier one, as the web page's "
        "'copy to next year' does: dates moved on, the same districts, work plan, rubric and "
        "committee seats, no nominations. --dry-run shows it and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from-year", type=year, required=True, help="e.g. 2568")
        parser.add_argument(
            "--to-year", type=year, help="default: the year after --from-year, e.g. 2569"
        )
        parser.add_argument(
            "--programme",
            type=int,
            help="the programme's id, when --from-year has more than one programme",
        )
        parser.add_argument("--actor", required=True, help="a secretariat user's username")
        parser.add_argument("--dry-run", action="store_true", help="show it, write nothing")

    def handle(self, *args, from_year, to_year, programme, actor, dry_run, **options):
        actor_user = User.objects.filter(username=actor).first()
        if actor_user is None:
            raise CommandError(
                in_thai_and_english(lambda: _("No user named “%(name)s”.") % {"name": actor})
            )
        source = self._source(from_year, programme)
        if not actor_user.has_perm("programmes.copy_programme", source):
            raise CommandError(
                in_thai_and_english(
                    lambda: (
                        _("Only the secretariat may copy a programme; %(name)s is %(role)s.")
                        % {"name": actor, "role": actor_user.get_role_display()}
                    )
                )
            )
        with transaction.atomic():
            try:
                copy = copy_programme_to_next_year(
                    programme=source, actor=actor_user, fiscal_year=to_year
                )
            except ValidationError as error:
                raise CommandError(error_in_thai_and_english(error)) from error
            report = in_thai_and_english(lambda: describe_copy(source, copy, dry_run=dry_run))
            # A dry run goes through the very same service and rolls it all back, so it
            # shows exactly what would be created and refuses exactly what would be refused.
            transaction.set_rollback(dry_run)
        self.stdout.write(report)

    def _source(self, from_year: int, pk: int | None) -> Programme:
        candidates = Programme.objects.filter(fiscal_year=from_year).select_related("province")
        if pk is not None:
            candidates = candidates.filter(pk=pk)
        candidates = list(candidates)
        if not candidates:
            raise CommandError(
                in_thai_and_english(
                    lambda: (
                        _("There is no programme for fiscal year %(year)s to copy.")
                        % {"year": from_year}
                        if pk is None
                        else _("Programme %(id)s is not in fiscal year %(year)s.")
                        % {"id": pk, "year": from_year}
                    )
                )
            )
        if len(candidates) > 1:
            raise CommandError(
                in_thai_and_english(
                    lambda: (
                        [
                            _(
                                "Fiscal year %(year)s has %(count)s programmes; "
                                "choose one with --programme:"
                            )
                            % {"year": from_year, "count": len(candidates)}
                        ]
                        + [f"  {p.pk}  {p.short_name} ({p.province})" for p in candidates]
                    )
                )
            )
        return candidates[0]


def describe_copy(source: Programme, copy: Programme, *, dry_run: bool) -> list[str]:
    """What was created, in the active language, for the person at the terminal."""
    years = copy.fiscal_year - source.fiscal_year
    heading = (
        _("Dry run: would create programme for fiscal year %(year)s (nothing was written).")
        if dry_run
        else _("Created programme %(id)s for fiscal year %(year)s.")
    )
    lines = [
        heading % {"id": copy.pk, "year": copy.fiscal_year},
        "  " + _("Copied from: %(name)s (%(id)s)") % {"name": source.short_name, "id": source.pk},
        "  " + _("Name: %(name)s") % {"name": copy.name},
        "  " + _("Short name: %(name)s") % {"name": copy.short_name},
        "  "
        + ngettext(
            "Dates and deadlines, moved %(count)s year on:",
            "Dates and deadlines, moved %(count)s years on:",
            years,
        )
        % {"count": years},
    ]
    for field in DATE_FIELDS:
        label = Programme._meta.get_field(field).verbose_name
        before, after = getattr(source, field), getattr(copy, field)
        lines.append(f"    {label}: {date_short(before)} → {date_short(after)}")
    lines.append("  " + _("Participating districts: %(count)s") % {"count": copy.districts.count()})
    rubric = getattr(copy, "rubric", None)
    if rubric is None:
        lines.append("  " + _("Rubric: none (the programme copied had none)"))
    else:
        lines.append(
            "  "
            + _("Rubric: %(total)s points, %(count)s criteria")
            % {
                "total": format(rubric.declared_total.normalize(), "f"),
                "count": rubric.criteria.count(),
            }
        )
    seats = list(copy.seats.all())
    lines.append("  " + _("Committee seats: %(count)s") % {"count": len(seats)})
    lines += [
        f"    {seat}" + (f" — {seat.holder_name}" if seat.holder_name else "") for seat in seats
    ]
    steps = list(copy.steps.all())
    lines.append("  " + _("Work plan: %(count)s steps, all not started") % {"count": len(steps)})
    lines += [f"    {step.number}. {step.title} ({date_short(step.due_date)})" for step in steps]
    return lines
