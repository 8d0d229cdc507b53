"""Starlark run into every module before its file: Bazel's built-ins, as far as the checks need.

Functions written in Python (the `_py_*` callables the evaluator adds) cannot receive Starlark
functions or return structs, so anything that must build a struct or hold a function is here.
"""

from __future__ import annotations

# Native rules reachable as `native.<rule>` in .bzl files and directly in BUILD files.
NATIVE_RULE_NAMES = (
    "genrule",
    "filegroup",
    "alias",
    "test_suite",
    "config_setting",
    "platform",
    "constraint_setting",
    "constraint_value",
    "py_library",
    "py_binary",
    "py_test",
    "sh_binary",
    "sh_test",
    "sh_library",
)

COMMON = """
def Label(label):
    return struct(**_py_label(label, _FILE_PACKAGE))

def select(conditions, no_match_error = ""):
    values = conditions.values()
    if not values:
        fail("select() needs at least one condition")
    lists = [v for v in values if type(v) == "list"]
    dicts = [v for v in values if type(v) == "dict"]
    if len(lists) == len(values):
        merged = []
        for v in values:
            for item in v:
                if item not in merged:
                    merged.append(item)
        return merged
    if len(dicts) == len(values):
        merged = {}
        for v in values:
            merged.update(v)
        return merged
    for key, value in conditions.items():
        if type(key) == "string" and key == "//conditions:default":
            return value
    return values[0]

def depset(direct = None, order = "default", transitive = None):
    items = list(direct or [])
    for t in transitive or []:
        items += list(t)
    return items

def print(*args, **kwargs):
    _py_print([str(a) for a in args])

def _package_relative_label(label):
    return struct(**_py_package_relative_label(label))

native = struct(
    package_name = _py_package_name,
    repository_name = _py_repository_name,
    module_name = _py_module_name,
    module_version = _py_module_version,
    package_relative_label = _package_relative_label,
    glob = _py_glob,
    existing_rules = _py_existing_rules,
    existing_rule = _py_existing_rule,
    exports_files = _py_exports_files,
    package_group = _py_package_group,
    %(native_rules)s
)
"""

BUILD_ONLY = """
glob = _py_glob
package_name = _py_package_name
repository_name = _py_repository_name
exports_files = _py_exports_files
package_group = _py_package_group
package = _py_package
licenses = _py_licenses
%(native_assignments)s
"""

BZL_ONLY = """
def _attr(kind):
    return lambda mandatory = False, **kwargs: {"__attr__": kind, "mandatory": mandatory}

attr = struct(
    bool = _attr("bool"),
    int = _attr("int"),
    int_list = _attr("int_list"),
    label = _attr("label"),
    label_keyed_string_dict = _attr("label_keyed_string_dict"),
    label_list = _attr("label_list"),
    output = _attr("output"),
    output_list = _attr("output_list"),
    string = _attr("string"),
    string_dict = _attr("string_dict"),
    string_keyed_label_dict = _attr("string_keyed_label_dict"),
    string_list = _attr("string_list"),
    string_list_dict = _attr("string_list_dict"),
)

def rule(implementation = None, attrs = {}, executable = False, test = False, **kwargs):
    rule_id = _py_declare_rule(attrs, executable, test)
    return lambda **kw: _py_instantiate_rule(rule_id, kw)

def provider(doc = "", fields = None, init = None):
    p = lambda **kw: struct(**kw)
    if init != None:
        return (p, p)
    return p

def aspect(implementation = None, **kwargs):
    return struct(kind = "aspect")

def transition(implementation = None, inputs = [], outputs = [], **kwargs):
    return struct(kind = "transition")

def visibility(value):
    pass

def _toolchain_type(name, mandatory = True):
    return str(name)

config_common = struct(toolchain_type = _toolchain_type)
"""

MODULE = """
def module(
        name = "",
        version = "",
        compatibility_level = 0,
        repo_name = "",
        bazel_compatibility = []):
    _py_module(name, version, repo_name)

def bazel_dep(
        name,
        version = "",
        max_compatibility_level = -1,
        repo_name = "",
        dev_dependency = False):
    _py_bazel_dep(name, version, repo_name)

def _tag(bzl, extension, tag):
    return lambda **kwargs: _py_tag(bzl, extension, tag, kwargs)

def use_extension(extension_bzl_file, extension_name, dev_dependency = False, isolate = False):
    tags = {}
    for tag in _py_use_extension(extension_bzl_file, extension_name):
        tags[tag] = _tag(extension_bzl_file, extension_name, tag)
    return struct(_bzl = extension_bzl_file, _name = extension_name, **tags)

def use_repo(extension_proxy, *args, **kwargs):
    _py_use_repo(extension_proxy._bzl, extension_proxy._name, list(args), kwargs)

def register_toolchains(*toolchain_labels, dev_dependency = False):
    pass

def register_execution_platforms(*platform_labels, dev_dependency = False):
    pass

def _override(module_name = "", **kwargs):
    pass

single_version_override = _override
multiple_version_override = _override
archive_override = _override
git_override = _override
local_path_override = _override

def use_repo_rule(repo_rule_bzl_file, repo_rule_name):
    return lambda name, **kwargs: _py_repo_rule(name)

def include(label):
    fail("buildcheck does not follow include() in MODULE.bazel")
"""


def build_prelude() -> str:
    """The prelude of a BUILD file."""
    return _common() + BUILD_ONLY % {
        "native_assignments": "\n".join(f"{n} = _py_native_{n}" for n in NATIVE_RULE_NAMES)
    }


def bzl_prelude() -> str:
    """The prelude of a .bzl file."""
    return _common() + BZL_ONLY


def module_prelude() -> str:
    """The prelude of MODULE.bazel."""
    return MODULE


def _common() -> str:
    rules = "\n    ".join(f"{n} = _py_native_{n}," for n in NATIVE_RULE_NAMES)
    return COMMON % {"native_rules": rules}
