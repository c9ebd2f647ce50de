"""The shape of the house, read from the source (docs/architecture.md, "Contracts").

Each function returns the places that break one contract, as ``"module:line: what"`` strings; the tests assert the
lists are empty, and `python -m tests.architecture.contracts` prints them all (``.ci/run`` runs it before the suite).
Imports are read with :mod:`ast`, function-level imports included, so a late ``import`` cannot hide a dependency.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "gongkai"  # the tree checked; tests point it at a planted copy
# Project-level modules (settings, URL conf, WSGI, the console entry point) belong to no app.
PROJECT_MODULES = {"settings", "urls", "wsgi", "cli", "__main__", "__init__"}
# Apps that hold no duty of their own: the law (pure Python) and the shared infrastructure.
FOUNDATIONS = {"law", "core"}
# What an app offers the others: its reads, its writes, its tables (for foreign keys, types and choices, never for
# queries), its error codes; the agencies app also offers the one permission layer.
PUBLISHED = {"selectors", "services", "models", "errors"}
PUBLISHED_EXTRA = {"agencies": {"access"}, "checker": {"checking"}}  # 年报体检 reads with the checker
# The top layer (the platform's own commands: demo, daily job, imports) also loads each app's demo data.
TOP = "ops"
PUBLISHED_TO_TOP = {"demo"}
# Model methods that write; views and management commands call services instead.
WRITE_METHODS = {"create", "update", "delete", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}


@dataclass(frozen=True)
class Import:
    source: str  # module importing, e.g. gongkai.foi.views_staff
    target: str  # module imported, e.g. gongkai.foi.services (or a name inside it)
    line: int
    names: tuple[str, ...] = ()


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_of(module: str) -> str | None:
    """``gongkai.foi.services`` → ``foi``; project-level modules → None."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "gongkai":
        return None
    return None if parts[1] in PROJECT_MODULES else parts[1]


@cache
def sources(root: Path = PACKAGE) -> tuple[tuple[str, Path, ast.Module], ...]:
    out = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        out.append((module_name(path, root), path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    return tuple(out)


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


@cache
def imports(root: Path = PACKAGE) -> tuple[Import, ...]:
    out = []
    for module, path, tree in sources(root):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out += [Import(module, alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, node, path.name == "__init__.py")
                names = tuple(alias.name for alias in node.names)
                out.append(Import(module, target, node.lineno, names))
    return tuple(out)


def _targets(imp: Import, root: Path = PACKAGE) -> Iterator[str]:
    """The modules an import reaches: ``from gongkai.foi import services`` reaches gongkai.foi.services."""
    if not imp.names:
        yield imp.target
        return
    for name in imp.names:
        candidate = f"{imp.target}.{name}"
        yield (
            candidate
            if (root.parent / (candidate.replace(".", "/") + ".py")).exists()
            or (root.parent / candidate.replace(".", "/")).is_dir()
            else imp.target
        )


def _where(imp: Import) -> str:
    return f"{imp.source}:{imp.line}"


# --- the contracts ---------------------------------------------------------------------------------------------


def law_is_pure(root: Path = PACKAGE) -> list[str]:
    """``gongkai.law`` imports no Django and no other part of gongkai."""
    bad = []
    for imp in imports(root):
        if app_of(imp.source) != "law":
            continue
        for target in _targets(imp, root):
            if target.split(".")[0] == "django" or (target.startswith("gongkai.") and app_of(target) != "law"):
                bad.append(f"{_where(imp)}: imports {target}")
    return bad


def core_imports_no_domain_app(root: Path = PACKAGE) -> list[str]:
    """``gongkai.core`` imports only itself, the law and project-level modules."""
    bad = []
    for imp in imports(root):
        if app_of(imp.source) != "core":
            continue
        for target in _targets(imp, root):
            app = app_of(target)
            if target.startswith("gongkai.") and app is not None and app not in FOUNDATIONS:
                bad.append(f"{_where(imp)}: imports {target}")
    return bad


def app_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for imp in imports(root):
        source = app_of(imp.source)
        for target in _targets(imp, root):
            app = app_of(target)
            if source and app and app != source and target.startswith("gongkai."):
                graph[source].add(app)
    return graph


def nothing_imports_the_top(root: Path = PACKAGE) -> list[str]:
    """No app imports the top layer (``ops``): it depends on them, never the other way round."""
    return [
        f"{_where(imp)}: imports {target}"
        for imp in imports(root)
        for target in _targets(imp, root)
        if app_of(target) == TOP and app_of(imp.source) not in (TOP, None)
    ]


def no_cycles_between_apps(root: Path = PACKAGE) -> list[str]:
    """The apps' import graph has no cycle (function-level imports count)."""
    graph = app_graph(root)
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycle = [*path[path.index(nxt) :], nxt]
                cycles.append(" → ".join(cycle))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return [f"import cycle: {c}" for c in cycles]


def only_published_interfaces(root: Path = PACKAGE) -> list[str]:
    """Another app is used only through its selectors, services, models and errors (and agencies.access)."""
    bad = []
    for imp in imports(root):
        source = app_of(imp.source)
        for target in _targets(imp, root):
            app = app_of(target)
            if not (source and app and app != source and target.startswith("gongkai.")) or app in FOUNDATIONS:
                continue
            parts = target.split(".")
            module = parts[2] if len(parts) > 2 else ""
            allowed = PUBLISHED | PUBLISHED_EXTRA.get(app, set()) | (PUBLISHED_TO_TOP if source == TOP else set())
            if module not in allowed:
                bad.append(f"{_where(imp)}: uses gongkai.{app}.{module or '(package)'}")
    return bad


def _foreign_models(module: str, tree: ast.Module) -> tuple[dict[str, str], dict[str, str]]:
    """Names bound in this module to another app's models (name → app), and to another app's models module
    itself (``from gongkai.foi import models as foi_models``: alias → app)."""
    source = app_of(module)
    names, modules = {}, {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.endswith(".models"):
                app = app_of(node.module)
                if app and app != source and app not in FOUNDATIONS:
                    names.update({alias.asname or alias.name: app for alias in node.names})
            else:
                app = app_of(node.module + ".x")
                if app and app != source and app not in FOUNDATIONS and node.module.count(".") == 1:
                    modules.update({alias.asname or alias.name: app for alias in node.names if alias.name == "models"})
        elif isinstance(node, ast.Import):
            for alias in node.names:
                app = app_of(alias.name)
                if alias.name.endswith(".models") and app and app != source and app not in FOUNDATIONS and alias.asname:
                    modules[alias.asname] = app
    return names, modules


MANAGERS = ("objects", "_default_manager", "_base_manager")
SHORTCUTS = ("get_object_or_404", "get_list_or_404")
# Reading another app's rows through a reverse relation (``agency.departments.all()``) is a query on its table too.
# (``get`` is left out: a dict or a dataclass field of the same name would be taken for one.)
RELATED_READS = {
    "all",
    "filter",
    "exclude",
    "count",
    "first",
    "last",
    "exists",
    "order_by",
    "values",
    "values_list",
    "select_related",
    "prefetch_related",
    "aggregate",
    "annotate",
    "create",
    "update",
    "delete",
    "get_or_create",
}


def _related_names(root: Path) -> dict[str, set[str]]:
    """app → the related_name of every relation its models declare (``related_name="departments"``)."""
    found: dict[str, set[str]] = defaultdict(set)
    for module, _path, tree in sources(root):
        if not module.endswith(".models"):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "related_name"
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                and node.value.value != "+"
            ):
                found[app_of(module)].add(node.value.value)
    return found


def no_queries_on_foreign_models(root: Path = PACKAGE) -> list[str]:
    """Another app's models are read through its selectors: no ``OtherModel.objects``, no shortcut over it
    (``get_object_or_404(OtherModel, …)``), no query through one of its reverse relations, no ``apps.get_model``."""
    bad = []
    related = _related_names(root)
    for module, _path, tree in sources(root):
        source = app_of(module)
        foreign, foreign_modules = _foreign_models(module, tree)
        others = {name for app, names in related.items() if app != source for name in names} - related.get(
            source, set()
        )
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
                value = node.value
                if isinstance(value, ast.Name) and value.id in foreign:
                    bad.append(f"{module}:{node.lineno}: queries {foreign[value.id]}.{value.id} directly")
                elif (
                    isinstance(value, ast.Attribute)
                    and isinstance(value.value, ast.Name)
                    and value.value.id in foreign_modules
                ):
                    bad.append(
                        f"{module}:{node.lineno}: queries {foreign_modules[value.value.id]}.{value.attr} directly"
                    )
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if (
                    name in SHORTCUTS
                    and node.args
                    and isinstance(node.args[0], ast.Name)
                    and node.args[0].id in foreign
                ):
                    bad.append(
                        f"{module}:{node.lineno}: {name}({node.args[0].id}) reads {foreign[node.args[0].id]}'s table"
                    )
                if name == "get_model" and source is not None:
                    bad.append(f"{module}:{node.lineno}: apps.get_model() reaches a model past its app's interface")
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr in RELATED_READS
                    and isinstance(func.value, ast.Attribute)
                    and func.value.attr in others
                ):
                    bad.append(f"{module}:{node.lineno}: queries another app's rows through .{func.value.attr}")
    return bad


def _is_view_or_command(module: str) -> bool:
    parts = module.split(".")
    return parts[-1].startswith("views") or ".management.commands." in module


def _write_call(node: ast.Call) -> str | None:
    func = node.func
    if not isinstance(func, ast.Attribute):
        return None
    chain, value = [], func.value
    while True:
        if isinstance(value, ast.Attribute):
            chain.append(value.attr)
            value = value.value
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            chain.append(value.func.attr)
            value = value.func.value
        else:
            break
    through_manager = "objects" in chain or any(c in chain for c in ("filter", "exclude", "all", "select_for_update"))
    if func.attr in WRITE_METHODS - {"update", "delete"}:
        return func.attr  # create, get_or_create, bulk_…: only a manager has them (a related manager included)
    if func.attr in WRITE_METHODS and through_manager:
        return func.attr
    if func.attr in ("save", "delete") and not node.args:
        return func.attr  # obj.save(), obj.delete(), form.save(): a model write (storage.save(name, f) has args)
    return None


def views_and_commands_do_not_write(root: Path = PACKAGE) -> list[str]:
    """Views and management commands call services for every write."""
    bad = []
    for module, _path, tree in sources(root):
        if not _is_view_or_command(module):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (method := _write_call(node)):
                bad.append(f"{module}:{node.lineno}: calls .{method}()")
    return bad


CONTRACTS = (
    law_is_pure,
    core_imports_no_domain_app,
    nothing_imports_the_top,
    no_cycles_between_apps,
    only_published_interfaces,
    no_queries_on_foreign_models,
    views_and_commands_do_not_write,
)


def main() -> int:
    broken = 0
    for contract in CONTRACTS:
        found = contract()
        status = "ok" if not found else f"{len(found)} broken"
        print(f"{contract.__name__}: {status}")
        for line in found:
            print(f"  {line}")
        broken += len(found)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
