from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.core.forms import BuddhistDateField
from rangwan.documents.models import OfficialLetter
from rangwan.documents.services import LETTER_FIELDS

ACTING = "ปฏิบัติราชการแทน"


class LetterForm(forms.ModelForm):
    class Meta:
        model = OfficialLetter
        fields = list(LETTER_FIELDS)
        field_classes = {"letter_date": BuddhistDateField}
        widgets = {
            "sender": forms.Textarea(attrs={"rows": 2}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "enclosures": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "responsible_unit": forms.Textarea(attrs={"rows": 2}),
            "slogan": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_reference_number(self):
        value = " ".join(self.cleaned_data["reference_number"].split())
        if "/" not in value:
            raise forms.ValidationError(
                _(
                    "Write the reference number as the office code and number, a slash, "
                    "then the letter's number, e.g. ฉช ๐๐๑๙/ว ๗๓๑."
                )
            )
        return value

    def clean_signer_position(self):
        value = self.cleaned_data["signer_position"].strip()
        if ACTING in value:
            raise forms.ValidationError(
                _(
                    "Write only the position here; “ปฏิบัติราชการแทน” is added when "
                    "“acting for” is filled in."
                )
            )
        return value

    def clean_body(self):
        value = self.cleaned_data["body"].strip()
        if len(value) < 20:
            raise forms.ValidationError(_("The body of the letter is too short to send."))
        return value


class SendLetterForm(forms.Form):
    resend = forms.BooleanField(label=_("Send again"), required=False)
    reason = forms.CharField(
        label=_("Reason for sending again"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
