"""The contracts of docs/architecture.md hold for gongkai — and each one catches a planted break."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.architecture import contracts

CONTRACTS = {contract.__name__: contract for contract in contracts.CONTRACTS}


@pytest.mark.parametrize("name", list(CONTRACTS))
def test_gongkai_keeps_the_contract(name):
    assert CONTRACTS[name]() == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    """A small package named gongkai under tmp_path, from {relative path: source}."""
    root = tmp_path / "gongkai"
    for relative, source in {"__init__.py": "", **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            (root / parent / "__init__.py").touch()
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


# (contract, planted files, a fragment of the finding) — each break the contract exists to catch.
BREAKS = [
    ("law_is_pure", {"law/clock.py": "from django.db import models\n"}, "imports django.db"),
    (
        "law_is_pure",
        {"law/clock.py": "def f():\n    from gongkai.foi import services\n", "foi/services.py": ""},
        "gongkai.foi.services",
    ),
    (
        "core_imports_no_domain_app",
        {"core/commands.py": "from gongkai.foi.services import x\n", "foi/services.py": "x = 1\n"},
        "imports gongkai.foi.services",
    ),
    (
        "nothing_imports_the_top",
        {"foi/services.py": "from gongkai.ops import x\n", "ops/__init__.py": "x = 1\n"},
        "imports gongkai.ops",
    ),
    (
        "no_cycles_between_apps",
        {
            "foi/services.py": "from gongkai.cases import selectors\n",
            "cases/selectors.py": "def f():\n    from gongkai.foi import selectors\n",
            "foi/selectors.py": "",
        },
        "import cycle: cases → foi → cases",
    ),
    (
        "only_published_interfaces",
        {"cases/views.py": "from gongkai.foi.letters import x\n", "foi/letters.py": "x = 1\n"},
        "uses gongkai.foi.letters",
    ),
    (
        "only_published_interfaces",
        {"cases/views.py": "from gongkai.foi import forms\n", "foi/forms.py": ""},
        "uses gongkai.foi.forms",
    ),
    (
        "no_queries_on_foreign_models",
        {
            "cases/selectors.py": "from gongkai.foi.models import InfoRequest\nrows = InfoRequest.objects.all()\n",
            "foi/models.py": "",
        },
        "queries foi.InfoRequest directly",
    ),
    (
        "no_queries_on_foreign_models",
        {
            "cases/selectors.py": "from gongkai.foi import models as foi_models\nrows = foi_models.Letter.objects.all()\n",
            "foi/models.py": "",
        },
        "queries foi.Letter directly",
    ),
    (
        "no_queries_on_foreign_models",
        {
            "cases/views.py": "from gongkai.agencies.models import Agency\ndef v(c):\n    get_object_or_404(Agency, pk=c)\n",
            "agencies/models.py": "",
        },
        "get_object_or_404(Agency) reads agencies's table",
    ),
    (
        "no_queries_on_foreign_models",
        {
            "agencies/models.py": "class Department:\n    agency = ForeignKey(Agency, related_name='departments')\n",
            "engagement/forms.py": "def f(agency):\n    return agency.departments.all()\n",
        },
        "through .departments",
    ),
    (
        "no_queries_on_foreign_models",
        {"cases/services.py": "from django.apps import apps\nLetter = apps.get_model('foi', 'Letter')\n"},
        "apps.get_model()",
    ),
    ("views_and_commands_do_not_write", {"foi/views_public.py": "def v(r):\n    r.save()\n"}, "calls .save()"),
    (
        "views_and_commands_do_not_write",
        {"foi/views_staff.py": "def v(r):\n    r.events.create(type='x')\n"},
        "calls .create()",
    ),
    (
        "views_and_commands_do_not_write",
        {"foi/management/commands/x.py": "def h():\n    Letter.objects.filter(pk=1).update(body='')\n"},
        "calls .update()",
    ),
    (
        "views_and_commands_do_not_write",
        {"foi/views_staff.py": "def v(form):\n    Letter.objects.create(body='')\n"},
        "calls .create()",
    ),
]


@pytest.mark.parametrize(("name", "files", "finding"), BREAKS, ids=[f"{n}:{f}" for n, _, f in BREAKS])
def test_each_contract_catches_a_planted_break(tmp_path, name, files, finding):
    found = CONTRACTS[name](_tree(tmp_path, files))
    assert any(finding in line for line in found), found


ALLOWED = [
    # an app's published interface, its models for a foreign key, the permission layer, and the law
    {"cases/models.py": "from gongkai.foi.models import InfoRequest\nx = InfoRequest\n", "foi/models.py": ""},
    {"cases/views.py": "from gongkai.foi import selectors, services\n", "foi/selectors.py": "", "foi/services.py": ""},
    {"cases/views.py": "from gongkai.agencies.access import scope\n", "agencies/access.py": "scope = 1\n"},
    {"foi/services.py": "from gongkai.law import clock\n", "law/clock.py": ""},
    # the top layer loads each app's demo data; a view may update a dict and save a file under a name
    {"ops/commands.py": "from gongkai.foi import demo\n", "foi/demo.py": ""},
    {"foi/views_staff.py": "def v(c, storage, f):\n    c.update(a=1)\n    storage.save('name', f)\n"},
]


@pytest.mark.parametrize("files", ALLOWED)
def test_what_the_contracts_allow(tmp_path, files):
    root = _tree(tmp_path, files)
    assert [line for contract in contracts.CONTRACTS for line in contract(root)] == []
