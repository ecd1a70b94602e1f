from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.core.forms import BuddhistDateField


class WordingForm(forms.Form):
    """What every certificate of the batch says (certificates already issued keep theirs)."""

    award_text = forms.CharField(
        label=_("Award line (winners)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    participation_text = forms.CharField(
        label=_("Participation line (every participant)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    programme_text = forms.CharField(
        label=_("Programme line"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    issued_on = BuddhistDateField(label=_("Given on"))
    signer_name = forms.CharField(label=_("Signer"), max_length=200)
    signer_position = forms.CharField(
        label=_("Signer's position"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One line of the certificate per line, e.g. ปฏิบัติราชการแทน on its own."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public verify page."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The 12 characters printed under the QR code, e.g. K7QM-3XWD-9TRB."),
    )
