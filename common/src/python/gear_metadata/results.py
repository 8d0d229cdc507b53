"""QcResult and record_file_results, over fw-gear 0.3.7's Metadata."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from fw_gear.file import File
from fw_gear.metadata import create_qc_result_dict

from input_files import InputFile

QcState = Literal["pass", "fail", "na"]


class MetadataError(ValueError):
    """The input file cannot carry results (config.json does not say where it is)."""


@dataclass(frozen=True)
class QcResult:
    """A named QC result: its state and free-form, JSON-ready data."""

    name: str
    state: QcState
    data: Mapping[str, Any] = field(default_factory=dict)


def _fw_file(input_file: InputFile) -> File:
    if input_file.container is None:
        raise MetadataError(
            f"config.json: inputs.{input_file.input_name}.hierarchy: missing, so the container"
            f" of {input_file.name} is unknown and no result can be recorded on it"
        )
    return File(
        name=input_file.name,
        parent_type=input_file.container.type,
        parent_id=input_file.container.id,
        type=input_file.file_type or "",
        tags=list(input_file.tags),
        info=copy.deepcopy(dict(input_file.info)),
        parents=dict(input_file.parents),
        file_id=input_file.file_id,
        version=input_file.version,
        size=input_file.size,
    )


def record_file_results(
    context: Any,
    input_file: InputFile,
    *,
    tags: Iterable[str] = (),
    qc: QcResult | None = None,
) -> None:
    """Record `tags` and `qc` for `input_file` in fw-gear's `context.metadata`."""
    fw_file = _fw_file(input_file)
    updates: dict[str, Any] = {}
    if qc is not None:
        result = create_qc_result_dict(qc.name, qc.state, **dict(qc.data))
        updates["info"] = context.metadata.add_gear_info("qc", fw_file, **result)
    added = list(dict.fromkeys([*input_file.tags, *tags]))
    if added != list(input_file.tags):
        updates["tags"] = added
    if updates:
        context.metadata.update_file_metadata(
            input_file.name, container_type=fw_file.parent_type, **updates
        )
