from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class ResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Recorded in the audit log, e.g. “phone lost, identity checked in person on 3 March”."),
    )
