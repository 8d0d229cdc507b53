"""What a gear's main receives: typed config values, input files and the Flywheel client."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gear_runner.errors import InvocationError, UndeclaredKey, WrongKeyKind
from gear_runner.validation import resolve_input_path
from gear_spec import CONFIG_ACCESSOR_TYPES as ACCESSOR_TYPES
from gear_spec import GearIdentity
from input_files import InputFile, InputFileError, read_input_file

_NOT_SET = object()


class ConfigValues:
    """Config values read by key, each checked against its manifest declaration."""

    def __init__(self, declared: Mapping[str, Mapping[str, Any]], values: Mapping[str, Any]):
        self._declared = dict(declared)
        self._values = dict(values)

    def _get(
        self, key: builtins.str, manifest_types: tuple[builtins.str, ...], *, optional: bool
    ) -> Any:
        directive = self._declared.get(key)
        if directive is None:
            raise UndeclaredKey(
                f"config key {key!r} is not declared in manifest.json (declared:"
                f" {sorted(self._declared)}); declare it or fix the name"
            )
        declared_type = directive.get("type")
        if declared_type not in manifest_types:
            raise WrongKeyKind(
                f"config key {key!r} is declared as {declared_type!r} in manifest.json, not"
                f" {' or '.join(manifest_types)}; use the matching accessor"
            )
        if not optional and directive.get("optional"):
            raise WrongKeyKind(
                f"config key {key!r} is optional in manifest.json and may be absent; read it with"
                " an optional_* accessor"
            )
        value = self._values.get(key, _NOT_SET)
        if value is _NOT_SET:
            if optional:
                return None
            raise InvocationError(f"config.json: config.{key}: required value is missing")
        return value

    def bool(self, key: builtins.str) -> builtins.bool:
        """A `boolean` config value."""
        return bool(self._get(key, ACCESSOR_TYPES["bool"], optional=False))

    def str(self, key: builtins.str) -> builtins.str:
        """A `string` config value."""
        return builtins.str(self._get(key, ACCESSOR_TYPES["str"], optional=False))

    def int(self, key: builtins.str) -> builtins.int:
        """An `integer` config value."""
        return builtins.int(self._get(key, ACCESSOR_TYPES["int"], optional=False))

    def float(self, key: builtins.str) -> builtins.float:
        """A `number` (or `integer`) config value, as a float."""
        return builtins.float(self._get(key, ACCESSOR_TYPES["float"], optional=False))

    def list(self, key: builtins.str) -> builtins.list[Any]:
        """An `array` config value."""
        return builtins.list(self._get(key, ACCESSOR_TYPES["list"], optional=False))

    def optional_bool(self, key: builtins.str) -> builtins.bool | None:
        """A `boolean` config value, None when absent."""
        value = self._get(key, ACCESSOR_TYPES["bool"], optional=True)
        return None if value is None else builtins.bool(value)

    def optional_str(self, key: builtins.str) -> builtins.str | None:
        """A `string` config value, None when absent."""
        value = self._get(key, ACCESSOR_TYPES["str"], optional=True)
        return None if value is None else builtins.str(value)

    def optional_int(self, key: builtins.str) -> builtins.int | None:
        """An `integer` config value, None when absent."""
        value = self._get(key, ACCESSOR_TYPES["int"], optional=True)
        return None if value is None else builtins.int(value)

    def optional_float(self, key: builtins.str) -> builtins.float | None:
        """A `number` config value as a float, None when absent."""
        value = self._get(key, ACCESSOR_TYPES["float"], optional=True)
        return None if value is None else builtins.float(value)

    def optional_list(self, key: builtins.str) -> builtins.list[Any] | None:
        """An `array` config value, None when absent."""
        value = self._get(key, ACCESSOR_TYPES["list"], optional=True)
        return None if value is None else builtins.list(value)


class InputValues:
    """File inputs read by name, each checked against its manifest declaration."""

    def __init__(
        self,
        declared: Mapping[str, Mapping[str, Any]],
        values: Mapping[str, Any],
        input_dir: Path,
    ):
        self._declared = dict(declared)
        self._values = dict(values)
        self._input_dir = input_dir

    def _file_input(self, key: str, *, optional: bool) -> Mapping[str, Any] | None:
        spec = self._declared.get(key)
        if spec is None:
            raise UndeclaredKey(
                f"input {key!r} is not declared in manifest.json (declared:"
                f" {sorted(self._declared)}); declare it or fix the name"
            )
        if spec.get("base") != "file":
            raise WrongKeyKind(f"input {key!r} is a {spec.get('base')!r} input, not a file")
        if not optional and spec.get("optional"):
            raise WrongKeyKind(
                f"input {key!r} is optional in manifest.json and may be absent; read it with"
                " optional_path"
            )
        value = self._values.get(key)
        if value is None:
            if optional:
                return None
            raise InvocationError(f"config.json: inputs.{key}: required input is missing")
        if not isinstance(value, Mapping):
            raise InvocationError(f"config.json: inputs.{key}: must be a file input object")
        return value

    def path(self, key: str) -> Path:
        """The local path of a required file input."""
        found = self.optional_path(key, _required=True)
        assert found is not None
        return found

    def optional_path(self, key: str, *, _required: bool = False) -> Path | None:
        """The local path of a file input, None when the job did not give it."""
        value = self._file_input(key, optional=not _required)
        if value is None:
            return None
        found = resolve_input_path(self._input_dir, key, value)
        if found is None:
            raise InvocationError(
                f"config.json: inputs.{key}.location.path: the input file does not exist"
            )
        return found

    def file(self, key: str) -> InputFile:
        """A required file input with its Flywheel metadata and container (input_files);
        InvocationError when the manifest does not accept its file type."""
        value = self._file_input(key, optional=False)
        assert value is not None
        try:
            return read_input_file(key, value, self._declared[key], self.path(key))
        except InputFileError as error:
            raise InvocationError(str(error)) from None

    def file_object(self, key: str) -> dict[str, Any]:
        """The Flywheel file object of a file input (type, modality, tags, info, ...)."""
        value = self._file_input(key, optional=True)
        if value is None:
            return {}
        file_object = value.get("object")
        return dict(file_object) if isinstance(file_object, Mapping) else {}


@dataclass
class GearArgs:
    """Everything a gear's main gets from the runtime."""

    config: ConfigValues
    inputs: InputValues
    output_dir: Path
    work_dir: Path
    destination: dict[str, Any] = field(default_factory=dict)
    gear: GearIdentity = field(default_factory=lambda: GearIdentity("", ""))  # name, version
    context: Any = None  # fw_gear.context.GearContext: the escape hatch
    flywheel_client: Any = None  # flywheel.Client, chosen by the runtime
    client_missing_reason: builtins.str = "manifest.json declares no api-key input"

    @property
    def client(self) -> Any:
        """The flywheel.Client: the gear bot key's when configured, else the job's own key."""
        if self.flywheel_client is None:
            raise InvocationError(
                f"Flywheel client unavailable: {self.client_missing_reason}; add"
                ' "api-key": {"base": "api-key"} to the manifest inputs'
            )
        return self.flywheel_client
