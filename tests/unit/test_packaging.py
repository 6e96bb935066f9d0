"""What PyPI shows of the package: classifiers for every supported Django and Python, the license.

Read from pyproject.toml and dev.py, so that a Django release added to dev.py's matrix
without its classifier (or the reverse) fails here.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

tomllib = pytest.importorskip("tomllib") if sys.version_info >= (3, 11) else pytest.importorskip("tomli")


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _tested_djangos() -> list[str]:
    """The keys of dev.py's DJANGO_SPECS: the Django releases the suite runs on."""
    tree = ast.parse((ROOT / "dev.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "DJANGO_SPECS":
            return list(ast.literal_eval(node.value))
    raise AssertionError("dev.py has no DJANGO_SPECS")


def test_a_classifier_for_each_tested_django_and_each_python_from_the_minimum():
    project = _project()
    classifiers = project["classifiers"]
    assert sorted(c.rpartition(" :: ")[2] for c in classifiers if c.startswith("Framework :: Django :: ")) == sorted(_tested_djangos())
    minimum = re.fullmatch(r">=3\.(\d+)", project["requires-python"]).group(1)
    pythons = [c.rpartition(" :: ")[2] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert pythons == [f"3.{minor}" for minor in range(int(minimum), 14)]
    assert "Typing :: Typed" in classifiers and (ROOT / "lino_migrate" / "py.typed").exists()


def test_the_license_is_an_spdx_expression_with_its_file():
    project = _project()
    assert project["license"] == "BSD-3-Clause"  # a string (PEP 639), not the deprecated {text = ...} table
    assert project["license-files"] == ["LICENSE"]
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]  # refused next to an expression
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("BSD 3-Clause License\n") and "Neither the name of the copyright holder" in text


def test_the_database_extras_exist():
    extras = _project()["optional-dependencies"]
    assert extras["postgresql"] == ["psycopg[binary]>=3.1"] and extras["mariadb"] == ["mysqlclient>=2.2.1"]
