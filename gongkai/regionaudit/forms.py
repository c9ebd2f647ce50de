"""The forms of 年报体检's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import Form, MultipleFileField
from gongkai.regionaudit.models import ReviewStatus

MAX_FILES = 50
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # one upload; a larger folder goes through `gongkai audit-reports ingest`


class IngestForm(Form):
    files = MultipleFileField(
        label=_(
            "Published annual reports of the region (text, HTML, DOCX, XLSX or PDF; up to 50 files of 10 MB, 100 MB in all)"
        )
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(max)s files at once.") % {"max": MAX_FILES})
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name})
        if sum(upload.size for upload in files) > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                _("The files add up to more than 100 MB; upload them in parts or use gongkai audit-reports ingest.")
            )
        return files


class AssignForm(Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ReviewForm(Form):
    index = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Triage decision"), choices=ReviewStatus.choices)
    note = forms.CharField(
        label=_("Review note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
