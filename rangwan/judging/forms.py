from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.core.forms import BuddhistDateField
from rangwan.judging.enums import ConflictKind, Ruling
from rangwan.judging.models import CommitteeSeat
from rangwan.judging.rubric import points as points_text


class RubricForm(forms.Form):
    declared_total = forms.DecimalField(
        label=_("Declared total"), min_value=Decimal("0.01"), max_digits=6, decimal_places=2
    )


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    parent = forms.CharField(
        label=_("Part of"), max_length=20, required=False, help_text=_("The code of its part")
    )
    title_th = forms.CharField(label=_("Title (Thai)"), widget=forms.Textarea(attrs={"rows": 2}))
    title_en = forms.CharField(
        label=_("Title (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_points = forms.DecimalField(
        label=_("Maximum points"), min_value=Decimal(0), max_digits=6, decimal_places=2
    )
    description_th = forms.CharField(
        label=_("Description (Thai)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BaseCriterionFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            code = form.cleaned_data.get("code")
            if code in seen:
                form.add_error("code", _("Code %(code)s is used twice.") % {"code": code})
            seen.add(code)


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=1, can_delete=True
)


class SeatForm(forms.ModelForm):
    class Meta:
        model = CommitteeSeat
        fields = ["post_th", "post_en", "role", "holder_name", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            role__in=Role.committee(), is_active=True
        ).order_by("username")


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this dossier?"),
        choices=[("no", _("No conflict of interest")), ("yes", _("I have a conflict of interest"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("Kind of conflict"),
        choices=[("", "—"), *ConflictKind.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SheetForm(forms.Form):
    """One row a criterion: points and a remark. Built from the sheet's scores."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, scores, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for score in scores:
            criterion = score.criterion
            points = forms.CharField(
                label=f"{criterion.code} {criterion.title}",
                required=False,
                initial="" if score.points is None else points_text(score.points),
                widget=forms.NumberInput(
                    attrs={
                        "min": 0,
                        "max": points_text(criterion.max_points),
                        "step": points_text(step),
                        "inputmode": "decimal",
                        "class": "points",
                        "data-max": points_text(criterion.max_points),
                    }
                ),
            )
            remark = forms.CharField(
                label=_("Remark"),
                required=False,
                initial=score.remark,
                widget=forms.Textarea(attrs={"rows": 1, "placeholder": _("Remark")}),
            )
            self.fields[f"points_{criterion.pk}"] = points
            self.fields[f"remark_{criterion.pk}"] = remark
            self.rows.append(
                (criterion, self[f"points_{criterion.pk}"], self[f"remark_{criterion.pk}"])
            )

    def scores(self) -> dict[int, tuple[str, str]]:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"points_{criterion.pk}", ""),
                self.cleaned_data.get(f"remark_{criterion.pk}", ""),
            )
            for criterion, _points, _remark in self.rows
        }


class RulingForm(forms.Form):
    ruling = forms.ChoiceField(
        label=_("Ruling"),
        choices=[(Ruling.UPHELD, Ruling.UPHELD.label), (Ruling.DISMISSED, Ruling.DISMISSED.label)],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class MeetingForm(forms.Form):
    date = BuddhistDateField(label=_("Date of the meeting"))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    slot_minutes = forms.IntegerField(label=_("Minutes a presentation"), min_value=5, max_value=180)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
