"""``{{ text|redact:applicant }}``: a text about a request as the reader may see it (gongkai.foi.privacy)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def redact(text, applicant):
    """``text`` through :meth:`ApplicantView.redact`: unchanged for a reader who sees the applicant in full."""
    if text is None or applicant is None:
        return text
    return applicant.redact(str(text))
