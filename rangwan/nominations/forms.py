from django import forms
from django.utils.translation import gettext_lazy as _

from rangwan.core.forms import BuddhistDateField
from rangwan.directory.models import NetworkKind, OfficerKind
from rangwan.nominations.enums import DeadlineKind, EvidenceSection, ScreeningOutcome
from rangwan.nominations.models import DOSSIER_FIELDS, Dossier

TITLES = [("นาย", "นาย"), ("นาง", "นาง"), ("นางสาว", "นางสาว")]


class PairForm(forms.Form):
    """แบบแจ้งรายชื่อ (สิ่งที่ส่งมาด้วย ๓)."""

    officer_title = forms.ChoiceField(label=_("Title"), choices=TITLES)
    officer_first_name = forms.CharField(label=_("First name"), max_length=100)
    officer_last_name = forms.CharField(label=_("Last name"), max_length=100)
    officer_position = forms.CharField(label=_("Position"), max_length=200)
    officer_kind = forms.ModelChoiceField(
        label=_("The officer is a"), queryset=OfficerKind.objects.none(), widget=forms.RadioSelect
    )
    member_title = forms.ChoiceField(label=_("Title"), choices=TITLES)
    member_first_name = forms.CharField(label=_("First name"), max_length=100)
    member_last_name = forms.CharField(label=_("Last name"), max_length=100)
    network_kind = forms.ModelChoiceField(
        label=_("Network in community development"),
        queryset=NetworkKind.objects.none(),
        widget=forms.RadioSelect,
    )
    network_kind_other = forms.CharField(
        label=_("Other kind of network (name it)"), max_length=200, required=False
    )
    network_name = forms.CharField(
        label=_("Name of the network or group"),
        max_length=300,
        help_text=_("e.g. กองทุนแม่ของแผ่นดินบ้านหนองไม้แดง"),
    )
    member_role = forms.CharField(
        label=_("Role in the network"), max_length=200, help_text=_("e.g. ประธาน, กรรมการ")
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer_kind"].queryset = programme.allowed_officer_kinds.all()
        self.fields["network_kind"].queryset = programme.allowed_network_kinds.all()

    def clean(self):
        data = super().clean()
        kind = data.get("network_kind")
        if kind and kind.requires_name and not data.get("network_kind_other", "").strip():
            self.add_error("network_kind_other", _("Name the kind of network."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "officer": {
                "title": data["officer_title"],
                "first_name": data["officer_first_name"],
                "last_name": data["officer_last_name"],
                "position": data["officer_position"],
            },
            "officer_kind": data["officer_kind"],
            "member": {
                "title": data["member_title"],
                "first_name": data["member_first_name"],
                "last_name": data["member_last_name"],
                "position": data["member_role"],
            },
            "network_kind": data["network_kind"],
            "network_kind_other": data["network_kind_other"],
            "network_name": data["network_name"],
            "member_role": data["member_role"],
        }

    @staticmethod
    def initial_for(nomination) -> dict:
        officer, member = nomination.officer, nomination.member
        return {
            "officer_title": officer.title,
            "officer_first_name": officer.first_name,
            "officer_last_name": officer.last_name,
            "officer_position": officer.position,
            "officer_kind": nomination.officer_kind_id,
            "member_title": member.title,
            "member_first_name": member.first_name,
            "member_last_name": member.last_name,
            "network_kind": nomination.network_kind_id,
            "network_kind_other": nomination.network_kind_other,
            "network_name": nomination.network_name,
            "member_role": nomination.member_role,
        }


# What each conduct narrative is to show: the definitions of form 4, 2.2.1–2.2.5.
CONDUCT_HELP = {
    "conduct_1": _(
        "Holding firmly to honesty: not swayed by temptation or pressure towards "
        "corruption or misconduct; showing honesty and keeping strictly to rules."
    ),
    "conduct_2": _(
        "Standing up to influence or wrongdoing that leads to corruption, for oneself or "
        "others, without fear; not supporting corruption; reporting it when seen."
    ),
    "conduct_3": _(
        "Striving for an honest society, putting the common good first, setting a good "
        "example, and taking part in or promoting oversight of state power."
    ),
    "conduct_4": _(
        "Serving the state and the people with diligence and sacrifice, giving one's time "
        "fully, keeping to discipline, morals and ethics."
    ),
    "conduct_5": _(
        "Other conduct: public mind, sufficiency, honesty, volunteering, gratitude, service "
        "to the community, or awards for goodness and ethics, with evidence (if any)."
    ),
    "discipline_note": _("If punished: what, when, and why it falls under the exception."),
}


class DossierForm(forms.ModelForm):
    """แบบเสนอผลงาน (สิ่งที่ส่งมาด้วย ๔). Every field may be empty in a draft;
    completeness is checked when the district head certifies."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Dossier
        fields = list(DOSSIER_FIELDS)
        field_classes = {"work_start": BuddhistDateField, "work_end": BuddhistDateField}
        widgets = {
            "discipline": forms.RadioSelect,
            "years_in_position": forms.NumberInput(
                attrs={"min": 0, "max": 60, "inputmode": "numeric"}
            ),
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in DOSSIER_FIELDS
                if name.startswith(("conduct_", "work_"))
                and name not in ("work_title", "work_start", "work_end")
            },
            "discipline_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in CONDUCT_HELP.items():
            self.fields[name].help_text = text
        for field in self.fields.values():
            field.required = False
        self.fields["revision"].required = True
        self.fields["discipline"].choices = self.fields["discipline"].choices[1:]  # no blank

    def _post_clean(self):
        # The service validates and saves; the form only parses what was typed.
        pass

    def changes(self) -> dict:
        """The fields that were sent and read cleanly; a half-typed date is left out (and
        reported) so the rest of the draft is still saved."""
        return {
            name: self.cleaned_data.get(name)
            for name in DOSSIER_FIELDS
            if name in self.data and name not in self.errors
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A photo (JPEG, PNG, WebP) or a PDF, up to 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    section = forms.ChoiceField(choices=EvidenceSection.choices, widget=forms.HiddenInput)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class CertifyForm(forms.Form):
    certifier_name = forms.CharField(label=_("Certifier's name"), max_length=200)
    certifier_position = forms.CharField(label=_("Position"), max_length=200)


class SubmitForm(forms.Form):
    officer_confirmed = forms.BooleanField()
    member_confirmed = forms.BooleanField()

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer_confirmed"].label = _(
            "%(name)s (the officer) has read the dossier and confirms it is true."
        ) % {"name": nomination.officer.full_name}
        self.fields["member_confirmed"].label = _(
            "%(name)s (the network member) has read the dossier and confirms it is true."
        ) % {"name": nomination.member.full_name}


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in ScreeningOutcome.choices if c[0] != ScreeningOutcome.PENDING],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning or rejecting; the district sees them."),
    )
    resubmit_by = BuddhistDateField(
        label=_("Resubmit by"),
        required=False,
        help_text=_("When returning: the district may correct and resubmit until this day."),
    )


class ExtensionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Deadline"), choices=DeadlineKind.choices)
    until = BuddhistDateField(label=_("Extend until"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
