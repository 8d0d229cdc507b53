"""Every rule a manifest must keep, as (field, message) problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema
from fw_gear.invocation_schema import get_master_schema

from gear_spec import BOT_PREFIX_KEY, declared_config, input_names
from manifest_rules.oci import OCI_TAG_RULE, is_oci_tag, split_image
from message_quotes import cut_text, quoted

IMAGE_FIELD = "custom.gear-builder.image"


@dataclass(frozen=True)
class ManifestProblem:
    """One broken rule: the field (`config.dry_run`, `(top level)`) and what is wrong."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _field(path: Any) -> str:
    return ".".join(str(part) for part in path) or "(top level)"


def schema_error_text(error: jsonschema.ValidationError) -> str:
    """A schema error's message with the value it quotes cut short (`message_quotes`).

    jsonschema's messages start with `repr` of the offending value, which can be megabytes.
    """
    message = error.message
    shown = repr(error.instance)
    if shown in message and len(shown) > len(quoted(error.instance)):
        message = message.replace(shown, quoted(error.instance), 1)
    return cut_text(message)


def _schema_problems(manifest: Mapping[str, Any]) -> list[ManifestProblem]:
    validator = jsonschema.Draft4Validator(get_master_schema())
    errors = sorted(validator.iter_errors(manifest), key=lambda e: list(map(str, e.path)))
    return [
        ManifestProblem(_field(e.absolute_path), f"{schema_error_text(e)} [rule: {e.validator}]")
        for e in errors
    ]


def _default_problems(manifest: Mapping[str, Any]) -> list[ManifestProblem]:
    """Config defaults that break their own directive (a default outside its enum, ...)."""
    problems: list[ManifestProblem] = []
    for key, directive in declared_config(manifest).items():
        if not isinstance(directive, dict) or "default" not in directive:
            continue
        rules = {k: v for k, v in directive.items() if k not in ("default", "description")}
        try:
            jsonschema.Draft4Validator.check_schema(rules)
        except jsonschema.SchemaError:
            continue  # the gear spec's schema reports it
        for error in jsonschema.Draft4Validator(rules).iter_errors(directive["default"]):
            problems.append(
                ManifestProblem(
                    f"config.{key}.default", f"{schema_error_text(error)} [rule: default]"
                )
            )
    return problems


def _bot_key_problems(manifest: Mapping[str, Any]) -> list[ManifestProblem]:
    """The runtime's rules for the gear bot key (docs/api-keys.md)."""
    directive = declared_config(manifest).get(BOT_PREFIX_KEY)
    if directive is None:
        return []
    problems = []
    allowed = directive.get("enum") if isinstance(directive, Mapping) else None
    if not isinstance(allowed, list) or not all(isinstance(v, str) for v in allowed):
        problems.append(
            ManifestProblem(
                f"config.{BOT_PREFIX_KEY}",
                'needs an \'enum\' of allowed SSM prefixes (e.g. ["", "/prod/flywheel/gearbot"])'
                " so a job cannot pick any parameter",
            )
        )
    if not input_names(manifest, "api-key"):
        problems.append(
            ManifestProblem(
                "inputs",
                f"a gear with config {BOT_PREFIX_KEY} must also declare an api-key input"
                ' (e.g. "api-key": {"base": "api-key"}) to check the site',
            )
        )
    return problems


def _image_problems(manifest: Mapping[str, Any]) -> list[ManifestProblem]:
    """`version` is the image tag: a valid OCI tag, equal to the tag of the image named."""
    problems = []
    version = manifest.get("version")
    if isinstance(version, str) and not is_oci_tag(version):
        problems.append(
            ManifestProblem(
                "version",
                f"{quoted(version)} is not a valid OCI tag ({OCI_TAG_RULE}); it is the image tag"
                " [rule: OCI tag]",
            )
        )
    custom = manifest.get("custom")
    builder = custom.get("gear-builder") if isinstance(custom, Mapping) else None
    image = builder.get("image") if isinstance(builder, Mapping) else None
    if isinstance(image, str) and isinstance(version, str):
        _, tag = split_image(image)
        if tag != version:
            problems.append(
                ManifestProblem(
                    IMAGE_FIELD,
                    f"{quoted(image)} must be tagged with the version {quoted(version)}"
                    " [rule: image tag is the version]",
                )
            )
    return problems


def manifest_problems(manifest: Mapping[str, Any]) -> list[ManifestProblem]:
    """Every rule `manifest` breaks (see the package doc); empty when it keeps them all."""
    return (
        _schema_problems(manifest)
        + _default_problems(manifest)
        + _bot_key_problems(manifest)
        + _image_problems(manifest)
    )
