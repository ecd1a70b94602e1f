from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.judging.models import CommitteeSeat


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
