"""The worked example of docs/development.md, run: a row added to the template's 表二 (行政确认 under 第二十条第（五）项)
reaches the form, the import, the stored values, the tables' layout, the check and the checker — one file changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import gongkai

TEMPLATE = Path(gongkai.__file__).parent / "law" / "data" / "report_template_2021.json"

PROBE = """
import importlib.resources, json, pathlib, sys
real = importlib.resources.files
importlib.resources.files = lambda package: pathlib.Path(sys.argv[1]) if package == "gongkai.law.data" else real(package)
import django
django.setup()
from gongkai.cases.forms import FiguresForm
from gongkai.cases.importing import FIGURES_COLUMNS
from gongkai.cases.models import YearFigures
from gongkai.cases.selectors import figures_import_headers
from gongkai.law.report import ENTERED_ROWS, check_tables
from gongkai.law.report_reading import _S2_ROWS
from gongkai.reports.layout import section2_grid
stored = YearFigures(year=2025, values={"confirmation": {"decisions": 9}})
print(json.dumps({
    "entered": [row.key for row in ENTERED_ROWS],
    "form": [name for name in FiguresForm().fields if name.startswith("confirmation")],
    "import": FIGURES_COLUMNS.get("行政确认"),
    "headers": figures_import_headers(),
    "stored": stored.value("confirmation", "decisions"),
    "reader": _S2_ROWS.get("行政确认"),
    "grid": [c.value for c in section2_grid({"section2": {"confirmation": {"decisions": 9}}}).cells if c.value in ("行政确认", 9)],
    "check": [f.cell for f in check_tables({"section2": {"confirmation": {"decisions": -1}}})],
}, ensure_ascii=False))
"""


def test_a_row_added_to_the_template_reaches_every_consumer(tmp_path):
    template = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    template["section2"]["blocks"][1]["rows"]["confirmation"] = "行政确认"  # the one change of the worked example
    data = tmp_path / "data"
    data.mkdir()
    (data / "report_template_2021.json").write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "GONGKAI_DATA_DIR": str(tmp_path / "run")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, **env},
        cwd=Path(gongkai.__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["entered"] == ["licensing", "confirmation", "penalty", "coercion", "fees"]
    assert found["form"] == ["confirmation.decisions", "confirmation.source"]
    assert found["import"] == "confirmation.decisions" and "行政确认" in found["headers"]
    assert found["stored"] == 9
    assert found["reader"] == ["confirmation", ["decisions"]]
    assert found["grid"] == ["行政确认", 9]
    assert found["check"] == ["section2.confirmation.decisions"]
