"""Every refusal goes through its app's registry (``gongkai/<app>/errors.py``, a :class:`Refusals`): a stable code
under the app's label, an English msgid translated to Chinese with the same placeholders."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import AppConfig, apps
from django.utils import translation

import gongkai
from gongkai.core.errors import REASON, Refusals

# The apps whose modules refuse only through a registry: no refusal(...), no ValidationError with a message or code
# written in place. Forms (form-level errors) and the registry's own helpers are exempt. Extend as apps convert.
REGISTRY_APPS = (
    "agencies",
    "audit",
    "cases",
    "checker",
    "core",
    "disclosure",
    "engagement",
    "foi",
    "reports",
    "search",
    "workcalendar",
    "workplan",
)
EXEMPT = {"core/errors.py"}  # the registry's base and its refusal() helper
# Codes older than the registries, kept stable under their own prefix: the yearly figures' ``figures.*`` (cases),
# the applicant's ``applicant.*`` (foi).
HISTORICAL_PREFIXES = {"cases": ("figures",), "foi": ("applicant",)}

PACKAGE = Path(gongkai.__file__).parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CJK = re.compile(r"[\u4e00-\u9fff]")
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}


def _errors_modules() -> list[tuple[AppConfig, ModuleType]]:
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.errors"
        # gongkai.core.errors defines the base and core's own registry
        if config.name.startswith("gongkai.") and importlib.util.find_spec(name):
            found.append((config, importlib.import_module(name)))
    return found


def _registries(module: ModuleType) -> list[type[Refusals]]:
    return [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type)
        and issubclass(obj, Refusals)
        and obj is not Refusals
        and obj.__module__ == module.__name__
    ]


REGISTRIES = [(config, registry) for config, module in _errors_modules() for registry in _registries(module)]
MEMBERS = [member for _, registry in REGISTRIES for member in registry]


def test_each_errors_module_holds_one_registry():
    modules = _errors_modules()
    assert {config.label for config, _ in modules} >= {
        "agencies",
        "cases",
        "checker",
        "core",
        "disclosure",
        "engagement",
        "foi",
        "reports",
        "search",
        "workplan",
    }
    for _config, module in modules:
        assert len(_registries(module)) == 1, f"{module.__name__}: one Refusals subclass per app"


def test_codes_are_unique_and_under_their_apps_label():
    # within one registry Django's choices are @enum.unique: a repeated code fails at import
    for config, registry in REGISTRIES:
        prefixes = "|".join((config.label, *HISTORICAL_PREFIXES.get(config.label, ())))
        for member in registry:
            assert re.fullmatch(rf"({prefixes})\.[a-z][a-z0-9_]*", member.value), (
                f"{registry.__name__}.{member.name} = {member.value!r}: codes are '{config.label}.<snake_case>'"
            )
    repeated = [code for code, n in Counter(member.value for member in MEMBERS).items() if n > 1]
    assert not repeated, f"codes used by more than one registry: {repeated}"


@pytest.mark.parametrize("member", MEMBERS, ids=[member.value for member in MEMBERS])
def test_message_is_translated_with_the_same_placeholders(member):
    if member.label == REASON:  # the law's own Chinese sentence, passed on as it is
        with translation.override("zh-hans"):
            assert member.message(reason="法律的理由") == "法律的理由"
        return
    with translation.override(None):
        msgid = str(member.label)
    with translation.override("zh-hans"):
        chinese = str(member.label)
        filled = member.message(**dict.fromkeys(PLACEHOLDER.findall(msgid), "…"))
    assert chinese != msgid and CJK.search(chinese), f"{member.value}: no Chinese translation of {msgid!r}"
    assert Counter(PLACEHOLDER.findall(chinese)) == Counter(PLACEHOLDER.findall(msgid)), member.value
    assert "%" not in PLACEHOLDER.sub("", msgid), f"{member.value}: only %(name)s placeholders"
    assert "%" not in PLACEHOLDER.sub("", chinese), f"{member.value}: only %(name)s placeholders"
    assert "%(" not in filled


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _written_in_place(node: ast.expr | None) -> bool:
    """A message or code typed at the call: a string, an f-string, "…" % x, "…".format(), or a gettext call."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _written_in_place(node.left)
    if isinstance(node, ast.Call):
        return _name(node.func) in GETTEXT or (_name(node.func) == "format" and _written_in_place(node.func.value))
    return False


def _raw_refusals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name == "refusal":
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: refusal(...)")
        elif name == "ValidationError":
            keywords = {k.arg: k.value for k in node.keywords}
            message = node.args[0] if node.args else keywords.get("message")
            code = node.args[1] if len(node.args) > 1 else keywords.get("code")
            if _written_in_place(message) or _written_in_place(code):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: ValidationError(...) not from a registry")
    return found


def _modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((PACKAGE / app).rglob("*.py"))
        if "migrations" not in path.parts
        and path.name != "forms.py"
        and path.relative_to(PACKAGE).as_posix() not in EXEMPT
    ]


@pytest.mark.parametrize("app", REGISTRY_APPS)
def test_every_refusal_goes_through_a_registry(app):
    assert _modules(app), f"no modules found for {app}"
    raw = [line for path in _modules(app) for line in _raw_refusals(path)]
    assert not raw, "raise AppError.CODE.refuse(field, **params) instead:\n" + "\n".join(raw)
