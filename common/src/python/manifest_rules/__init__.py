"""One set of manifest rules for the runtime, the build's manifest check and `./dev`.

`read_manifest` reads a manifest.json (one line naming file, line and column when it is not
JSON); `manifest_problems` lists every rule it breaks: the gear spec's JSON Schema (from
fw-gear), config defaults that break their own directive, the runtime's rules for the gear bot
key (`apikey_path_prefix` needs an `enum` and an `api-key` input) and the image tag (`version`
and the tag of `custom.gear-builder.image` are valid OCI tags and agree). `oci_tag_problems`
checks a BUILD file's image tags. The runtime (`gear_runner`), the build's check
(`tools/manifest_check`, run by the Bazel genrule and `./dev check-manifest`) and buildcheck
all call these, so a manifest any of them refuses fails all of them.
"""

from manifest_rules.oci import OCI_TAG, is_oci_tag, oci_tag_problems, split_image
from manifest_rules.reading import ManifestUnreadable, read_manifest
from manifest_rules.rules import ManifestProblem, manifest_problems, schema_error_text

__all__ = [
    "OCI_TAG",
    "ManifestProblem",
    "ManifestUnreadable",
    "is_oci_tag",
    "manifest_problems",
    "oci_tag_problems",
    "read_manifest",
    "schema_error_text",
    "split_image",
]
