"""The upload form of the report checker: several files at once, each and all together size-capped; their content
is judged later (within the reading limits of gongkai.core.documents)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.checker.errors import CheckerError
from gongkai.core.files import original_name
from gongkai.core.forms import Form, MultipleFileField

MAX_FILES = 20
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 30 * 1024 * 1024  # one upload, all files together


class CheckForm(Form):
    files = MultipleFileField(
        label=_("Published annual reports (text, HTML, Word DOCX or PDF; up to 20 files of 10 MB each)"),
        help_text=_("Last year's report of the same agency, uploaded together, is checked against this year's."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of agency (sets the publication deadline)"),
        required=False,
        choices=[
            ("", _("From the agency's name")),
            ("department", _("Government department")),
            ("government", _("People's government")),
        ],
    )
    year = forms.IntegerField(label=_("Report year expected"), required=False, min_value=2008, max_value=2100)

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise CheckerError.TOO_MANY.refuse(max=MAX_FILES, count=len(files))
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                raise CheckerError.TOO_LARGE.refuse(name=original_name(upload), limit=MAX_FILE_BYTES // 1024 // 1024)
        total = sum(upload.size for upload in files)
        if total > MAX_TOTAL_BYTES:
            raise CheckerError.TOTAL_TOO_LARGE.refuse(
                size=f"{total / 1024 / 1024:.1f}", limit=MAX_TOTAL_BYTES // 1024 // 1024
            )
        return files
