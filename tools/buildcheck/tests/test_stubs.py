"""Every rule-set stub names the repository, tag and files it was read from."""

from __future__ import annotations

from buildcheck.rule_stubs import EXTENSIONS, LOADS, RULE_SETS, normalize_load


def _repo(load: str) -> str:
    return normalize_load(load).lstrip("@").split("//", 1)[0]


def test_every_loadable_stub_names_its_source_at_the_pinned_rule_set() -> None:
    for load, symbols in LOADS.items():
        rule_set = RULE_SETS[_repo(load)]
        for symbol, spec in symbols.items():
            where = f"{load} {symbol}"
            assert spec.read_from is not None, where
            assert spec.read_from.repository == rule_set.repository, where
            assert spec.read_from.tag == rule_set.tag, where
            assert spec.read_from.files, where


def test_every_checked_extension_tag_names_its_source() -> None:
    for (load, name), extension in EXTENSIONS.items():
        rule_set = RULE_SETS[_repo(load)]
        for tag, spec in extension.tags.items():
            if not spec.checked:
                continue
            assert spec.read_from is not None, f"{name}.{tag}"
            assert (spec.read_from.repository, spec.read_from.tag) == (
                rule_set.repository,
                rule_set.tag,
            )


def test_rules_oci_is_read_at_the_registry_release() -> None:
    oci = RULE_SETS["rules_oci"]
    assert (oci.version, oci.tag) == ("2.3.0", "v2.3.0")
    index = LOADS["@rules_oci//oci:defs.bzl"]["oci_image_index"]
    assert "annotations" not in index.attrs  # the macro parameter came after v2.3.0
    assert str(index.read_from) == (
        "bazel-contrib/rules_oci@v2.3.0: oci/defs.bzl, oci/private/image_index.bzl"
    )
