from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import Form


class CodeForm(Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, autofocus: bool = False, help_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        attrs = self.fields["otp_token"].widget.attrs
        if autofocus:  # the verification page is only this field; enrolment reads its steps first
            attrs["autofocus"] = True
        if help_id:
            attrs["aria-describedby"] = help_id


class ResetForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Recorded in the audit log, e.g. “phone lost, identity checked in person on 3 March”."),
    )
