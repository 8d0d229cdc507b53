"""The rule sets MODULE.bazel pins, with the source tag buildcheck's stubs were read at.

The version is the registry's (the BCR record, tools/bcr_facts/bcr_record.json, has it);
the tag is the one the registry's `source.json` downloads, except where noted.
"""

from __future__ import annotations

from collections.abc import Mapping

from buildcheck.rule_specs import RuleSet

RULE_SETS: Mapping[str, RuleSet] = {
    r.module: r
    for r in (
        RuleSet("rules_python", "2.3.2", "bazel-contrib/rules_python", "2.3.2"),
        RuleSet("rules_oci", "2.3.0", "bazel-contrib/rules_oci", "v2.3.0"),
        RuleSet("tar.bzl", "0.10.5", "bazel-contrib/tar.bzl", "v0.10.5"),
        RuleSet("bazel_lib", "3.7.1", "bazel-contrib/bazel-lib", "v3.7.1"),
        # Read at 1.9.1; the registry's 1.9.2 is its patch release.
        RuleSet("bazel_skylib", "1.9.2", "bazelbuild/bazel-skylib", "1.9.1"),
        RuleSet("rules_multirun", "0.14.0", "keith/rules_multirun", "0.14.0"),
        # Read at v1.22.0; the registry's 1.22.1 is its patch release.
        RuleSet(
            "container_structure_test",
            "1.22.1",
            "GoogleContainerTools/container-structure-test",
            "v1.22.0",
        ),
        # No bazel_dep today; the sh_* rules need it when used.
        RuleSet("rules_shell", "0.6.1", "bazelbuild/rules_shell", "v0.6.1"),
        RuleSet("platforms", "1.1.0", "bazelbuild/platforms", "1.1.0"),
        # `bazel run //:gazelle`: Gazelle and rules_python's plugin (its source.json unpacks
        # rules_python's release archive at gazelle/).
        RuleSet("gazelle", "0.53.0", "bazel-contrib/bazel-gazelle", "v0.53.0"),
        RuleSet("rules_python_gazelle_plugin", "2.3.2", "bazel-contrib/rules_python", "2.3.2"),
    )
}
# module -> the version the stubs are for; MODULE.bazel must pin exactly these.
RULE_SET_VERSIONS: Mapping[str, str] = {name: r.version for name, r in RULE_SETS.items()}
