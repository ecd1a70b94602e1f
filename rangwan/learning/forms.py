from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.learning.models import LessonsLearned
from rangwan.learning.services import TEXT_FIELDS, split_steps

LABELS = {
    "title": _("Title of the work"),
    "background": _("1. Background"),
    "objectives": _("2. Objectives"),
    "steps": _("3. Steps taken"),
    "results": _("4. Results of the work"),
    "success_factors": _("5. Success factors"),
    "obstacles": _("6. Obstacles and how they were overcome"),
    "lessons_gained": _("7. Lessons learned"),
    "advice": _("8. Advice to those who will use it"),
}
# What each section is for, as a prompt under its box.
HELP = {
    "title": _("The name of the work, as the booklet's cover will show it."),
    "background": _("Why the pair started this work: the problem or need in the community."),
    "objectives": _("What the work set out to achieve."),
    "steps": _("One step a line, in order. The booklet numbers them."),
    "results": _("What came of the work, with figures where you have them."),
    "success_factors": _("What made it work: people, methods, support."),
    "obstacles": _("What got in the way, and how the pair got past it."),
    "lessons_gained": _("What the pair learned that others should know."),
    "advice": _("Advice for an office or network that wants to do the same."),
}


class LessonsForm(forms.ModelForm):
    """The structured write-up. Every section may be empty in a draft; completeness is
    checked when the secretariat publishes it."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    steps = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = LessonsLearned
        fields = [name for name in TEXT_FIELDS if name != "steps"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4}) for name in TEXT_FIELDS if name != "title"
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["steps"] = "\n".join(self.instance.steps)
        # Keep the booklet's order: title, background, objectives, steps, results, ...
        self.order_fields(["revision", *TEXT_FIELDS])
        for name, field in self.fields.items():
            field.required = name == "revision"
            if name in HELP:
                field.label, field.help_text = LABELS[name], HELP[name]
        self.fields["title"].required = True

    def clean_steps(self) -> list[str]:
        return split_steps(self.cleaned_data.get("steps") or "")

    def _post_clean(self):
        # The service validates and saves; the form only parses what was typed.
        pass

    def changes(self) -> dict:
        """The fields that were sent and read cleanly."""
        return {
            name: self.cleaned_data[name]
            for name in TEXT_FIELDS
            if name in self.data and name in self.cleaned_data
        }


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("Photo"),
        help_text=_("A photo (JPEG, PNG, WebP), up to 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=300,
        help_text=_("What the photo shows: who, what, where, when."),
    )


class CaptionForm(forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
