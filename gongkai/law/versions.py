"""Rules that change over time: each version with the day it took legal effect, and the one in force on a day.

A new fee schedule, report format or deadline applies from the day its instrument says, not from the day gongkai is
deployed: callers pass the date the rule is judged on (the day of a fee notice, the last day of the year a report
covers) and get the version in force then.  Adding a version is one more ``Version(...)`` in the rule's module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from gongkai.law.dates import chinese_date

__all__ = ["NotInForce", "Version", "Versioned"]

T = TypeVar("T")


class NotInForce(ValueError):
    """No version of the rule was in force on the day asked about; ``message`` is Chinese."""

    code = "law.not_in_force"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Version(Generic[T]):
    """One version of a rule: in force from ``effective_from`` (inclusive) until the next version's day."""

    effective_from: dt.date
    source: str  # the instrument and article that set it, e.g. “国办函〔2020〕109号 第四条”
    value: T


class Versioned(Generic[T]):
    """The versions of one rule, oldest first; :meth:`in_force` picks the one in force on a day."""

    def __init__(self, name: str, *versions: Version[T]) -> None:
        if not versions:
            raise ValueError(f"{name}: at least one version")
        days = [v.effective_from for v in versions]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError(f"{name}: versions must be in strictly increasing order of effective_from")
        self.name = name
        self.versions: tuple[Version[T], ...] = versions

    def version_on(self, day: dt.date) -> Version[T]:
        """The version in force on ``day``; :class:`NotInForce` before the first one."""
        current = None
        for version in self.versions:
            if version.effective_from <= day:
                current = version
            else:
                break
        if current is None:
            first = self.versions[0]
            raise NotInForce(
                f"{chinese_date(day)}时尚无{self.name}（{first.source} 自{chinese_date(first.effective_from)}起施行）"
            )
        return current

    def in_force(self, day: dt.date) -> T:
        return self.version_on(day).value

    def __iter__(self) -> Iterator[Version[T]]:
        return iter(self.versions)
