"""``{% report_grids tables as grids %}``: the three tables of a report laid out for ``reports/_tables.html``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from gongkai.reports.layout import Grid, grids

register = template.Library()


@register.simple_tag
def report_grids(tables: Mapping[str, Any] | None) -> list[Grid]:
    return grids(tables or {})
