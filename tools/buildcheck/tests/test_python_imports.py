"""Reading a file's runtime imports with ast."""

from __future__ import annotations

from buildcheck.python_imports import imports_of, module_name

SOURCE = """
from __future__ import annotations

import os.path
from typing import TYPE_CHECKING

from gear_keys import parameter_store
from . import sibling
from ..other import thing

if TYPE_CHECKING:
    from mypy_boto3_ssm import SSMClient

try:
    import tomllib
except ImportError:
    import tomli as tomllib


def later() -> None:
    import yaml
"""


def test_imports_and_relative_resolution() -> None:
    found = [i.candidates for i in imports_of(SOURCE, "x.py", "app.sub.mod", False)]
    assert found == [
        ("__future__.annotations", "__future__"),
        ("os.path",),
        ("typing.TYPE_CHECKING", "typing"),
        ("gear_keys.parameter_store", "gear_keys"),
        ("app.sub.sibling", "app.sub"),
        ("app.other.thing", "app.other"),
        ("tomli",),
        ("yaml",),
    ]


def test_relative_import_in_a_package_init() -> None:
    found = imports_of("from . import x\n", "app/__init__.py", "app", True)
    assert [i.candidates for i in found] == [("app.x", "app")]


def test_module_names() -> None:
    assert module_name("pkg/sub/mod.py") == "pkg.sub.mod"
    assert module_name("pkg/__init__.py") == "pkg"
    assert module_name("project-management/x.py") is None
    assert module_name("data.json") is None
