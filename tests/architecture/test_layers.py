"""The layers of docs/ARCHITECTURE.md hold, and import-linter would catch an upward import
at module level or inside a function (checked on a copy of the code, not the tree)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture
def copy_of_the_code(tmp_path):
    shutil.copytree(
        ROOT / "rangwan",
        tmp_path / "rangwan",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "locale"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own venv's lint-imports
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_code_keeps_the_layers(copy_of_the_code):
    run = lint(copy_of_the_code)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "KEPT" in run.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # A module-level import from core up to results.
        ("core/thai.py", "from rangwan.results import models\n", "rangwan.core is not allowed"),
        # One hidden inside a function, from judging up to honours.
        (
            "judging/enums.py",
            "\n\ndef probe():\n    from rangwan.honours.models import Certificate\n\n"
            "    return Certificate\n",
            "rangwan.judging is not allowed",
        ),
    ],
)
def test_an_upward_import_breaks_the_contract(copy_of_the_code, module, line, broken):
    target = copy_of_the_code / "rangwan" / module
    target.write_text(target.read_text() + line)
    run = lint(copy_of_the_code)
    assert run.returncode != 0
    assert "BROKEN" in run.stdout
    assert broken in run.stdout
