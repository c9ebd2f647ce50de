"""``{% paper_form_links agency %}``: the links to an agency's blank application form (DOCX, and PDF when LibreOffice
is installed), for the portal's front page, the guide and the online form."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.foi.paperwork import pdf_available

register = template.Library()


@register.inclusion_tag("foi/_paper_form.html")
def paper_form_links(agency: Any) -> dict[str, Any]:
    return {"agency": agency, "pdf": pdf_available()}
