from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.core.forms import BuddhistDateField
from rangwan.directory.models import District
from rangwan.programmes.enums import StepStatus
from rangwan.programmes.models import DATE_FIELDS, Programme, WorkPlanStep


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name_th",
            "name_en",
            "short_name_th",
            "short_name_en",
            "responsible_unit",
            *DATE_FIELDS,
            "districts",
            "allowed_officer_kinds",
            "allowed_network_kinds",
        ]
        widgets = {
            "name_th": forms.Textarea(attrs={"rows": 3}),
            "name_en": forms.Textarea(attrs={"rows": 3}),
            "districts": forms.CheckboxSelectMultiple,
            "allowed_officer_kinds": forms.CheckboxSelectMultiple,
            "allowed_network_kinds": forms.CheckboxSelectMultiple,
        }
        field_classes = dict.fromkeys(DATE_FIELDS, BuddhistDateField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the programme's own province's districts can take part.
        self.fields["districts"].queryset = self.instance.province.districts.all()


class NewProgrammeForm(ProgrammeForm):
    """A programme from scratch: the province and year are chosen here, and fixed after."""

    class Meta(ProgrammeForm.Meta):
        fields = ["province", "fiscal_year", *ProgrammeForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["districts"].queryset = District.objects.select_related("province")

    def clean(self):
        data = super().clean()
        province, districts = data.get("province"), data.get("districts")
        if province and districts:
            outside = [d for d in districts if d.province_id != province.pk]
            if outside:
                self.add_error(
                    "districts",
                    _("These districts are not in %(province)s: %(districts)s")
                    % {"province": province, "districts": ", ".join(map(str, outside))},
                )
        return data


class WorkPlanStepForm(forms.ModelForm):
    class Meta:
        model = WorkPlanStep
        fields = ["title", "responsible", "due_date", "status", "done_on", "remark"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "remark": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"done_on": BuddhistDateField, "due_date": BuddhistDateField}

    def clean(self):
        data = super().clean()
        if data.get("status") == StepStatus.DONE and not data.get("done_on"):
            self.add_error("done_on", _("Give the date the step was done."))
        return data


class NewStepForm(forms.ModelForm):
    class Meta:
        model = WorkPlanStep
        fields = ["title", "due_date", "responsible", "remark"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "remark": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"due_date": BuddhistDateField}
