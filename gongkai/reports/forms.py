from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import Form, year_field


class StartForm(Form):
    year = year_field(_("Year"))


class NarrativeForm(Form):
    overview = forms.CharField(label="一、总体情况", widget=forms.Textarea(attrs={"rows": 12}))
    problems = forms.CharField(label="五、存在的主要问题及改进情况", widget=forms.Textarea(attrs={"rows": 6}))
    other = forms.CharField(label="六、其他需要报告的事项", widget=forms.Textarea(attrs={"rows": 6}))


class CorrectForm(Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
