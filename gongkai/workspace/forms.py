from django import forms
from django.utils.translation import gettext

from gongkai.agencies.models import Agency
from gongkai.core.forms import Form, ModelForm


class AgencyContactForm(ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "address", "postcode", "phone", "email", "office_hours"]

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and not (len(value) == 6 and value.isdigit()):
            raise forms.ValidationError(gettext("A postal code has six digits."), code="agencies.postcode")
        return value


class DepartmentForm(Form):
    name = forms.CharField(label="科室名称", max_length=100)
    aliases = forms.CharField(
        label="其他名称", max_length=300, required=False, help_text="用逗号分隔的简称，如“社救办”"
    )
