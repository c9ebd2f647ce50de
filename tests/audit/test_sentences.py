"""Audit entries read as sentences (issue #14): every action code the services record has a sentence of its own,
and the agency's audit page shows no Python value ("{'late': False}", True/False/None), only words, with the code in
small print."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import gongkai
from gongkai.agencies.models import Role
from gongkai.audit import sentences
from gongkai.audit.services import record
from gongkai.law.clock import EVENT_TYPES

SOURCE = Path(gongkai.__file__).parent


def _engagement_kinds() -> list[str]:
    from gongkai.engagement.kinds import KINDS

    return [spec.audit_name for spec in KINDS.values()]


def _codes(node: ast.expr, constants: dict[str, str]) -> list[str]:
    """The action codes an ``action=`` argument can take."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes(node.body, constants) + _codes(node.orelse, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    if isinstance(node, ast.JoinedStr):
        template = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        if template == "foi.event.{}":
            return [f"foi.event.{t}" for t in EVENT_TYPES]
        if template.startswith("engagement.{}."):
            return [template.replace("{}", kind) for kind in _engagement_kinds()]
    return []  # a pass-through (``action=action``): the caller's code is collected at the caller


def recorded_codes() -> set[str]:
    """Every action code passed to audit.record()/record_standalone() anywhere in gongkai's source."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ("record", "record_standalone"):
                continue
            for keyword in node.keywords:
                if keyword.arg == "action":
                    found.update(_codes(keyword.value, constants))
    return found


def test_the_source_is_read():
    codes = recorded_codes()
    assert len(codes) > 90
    assert {"disclosure.duty.fulfil", "disclosure.item.reject", "checker.check", "foi.event.reply"} <= codes
    assert "engagement.press.import" in codes


@pytest.mark.parametrize("code", sorted(recorded_codes()))
def test_every_recorded_action_has_its_own_sentence(code):
    assert sentences.known(code), f"{code}: add a sentence to gongkai.audit.sentences.SENTENCES"
    text = sentences.action_sentence(code, "《示例》")
    assert re.search(r"[\u4e00-\u9fff]", text) and "%(" not in text


class Entry:
    def __init__(self, action, changes, actor_label="张三", object_label="年度公开义务"):
        self.action, self.changes, self.actor_label, self.object_label = action, changes, actor_label, object_label
        self.at = timezone.make_aware(dt.datetime(2026, 12, 2, 10, 31))


def test_a_fulfilled_duty_reads_as_the_issue_asks():
    told = sentences.sentence(Entry("disclosure.duty.fulfil", {"period": "2026年", "item": 7, "late": False}))
    assert told.text == "张三于2026年12月2日 10:31 完成了公开义务《年度公开义务》（按时）"
    assert [(d.label, d.value) for d in told.details] == [("期间", "2026年"), ("信息", "7")]


@pytest.mark.parametrize(
    ("action", "changes", "shown"),
    [
        ("agency.update", {"phone": ["0511-1", "0511-2"]}, "由“0511-1”改为“0511-2”"),
        ("foi.clock", {"due_on": [None, "2026-12-31"]}, "由“—”改为“2026年12月31日”"),
        ("disclosure.duty.activate", {"active": True}, "启用：是"),
        ("no.such.code", {"x": {"a": None, "b": False}}, "a：—；b：否"),
        ("disclosure.chain.set", {"steps": ["初审", "保密审查"]}, "初审、保密审查"),
    ],
)
def test_values_are_words_never_python(action, changes, shown):
    told = sentences.sentence(Entry(action, changes))
    rendered = told.text + " ".join(f"{d.label}：{d.value}" for d in told.details)
    assert shown in rendered
    for python in ("{'", "True", "False", "None", "['"):
        assert python not in rendered


def test_an_unknown_code_is_told_generically():
    told = sentences.sentence(Entry("future.thing", {}, actor_label="system", object_label=""))
    assert told.text == "系统于2026年12月2日 10:31 进行了一项操作" and told.code == "future.thing"


def test_audit_page_shows_sentences_not_python(jurisdiction, client_for):
    civil = jurisdiction["civil"]
    samples = [
        {"late": False, "period": "2026年", "item": 3},
        {"due_on": [None, "2026-12-31"], "state": ["open", "closed"]},
        {"active": True, "nested": {"a": None, "b": [1, 2]}},
    ]
    with transaction.atomic():
        for index, code in enumerate(sorted(recorded_codes())):
            record(action=code, agency=civil, changes=samples[index % len(samples)], actor_label="张三")
    client = client_for(Role.AGENCY_ADMIN, civil)
    url = reverse("workspace:agency_audit", args=[civil.pk])
    pages = [client.get(url, {"page": n}).content.decode() for n in range(1, 6)]
    html = "".join(pages)
    assert "完成了公开义务" in html and "（按时）" in html
    assert '<small class="code">disclosure.duty.fulfil</small>' in html
    text = re.sub(r"<[^>]+>", " ", html)
    for python in ("{'", "True", "False", "None"):
        assert python not in text, python
