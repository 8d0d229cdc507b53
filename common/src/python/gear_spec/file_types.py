"""Flywheel's file types by extension (a few): what a file input's `object.type` is, and what a
manifest's file input lists in `"type": {"enum": [...]}` as the file picker's hint."""

from __future__ import annotations

# Others are "text" unless the manifest restricts the input.
FILE_TYPES = {
    ".yaml": "source code",
    ".yml": "source code",
    ".json": "source code",
    ".py": "source code",
    ".csv": "tabular data",
    ".tsv": "tabular data",
    ".txt": "text",
    ".dcm": "dicom",
    ".zip": "archive",
}
DEFAULT_FILE_TYPE = "text"


def file_type_for(extension: str) -> str:
    """Flywheel's file type for a file name's extension (`.csv` or `csv`): "tabular data"."""
    suffix = extension.lower() if extension.startswith(".") else f".{extension.lower()}"
    return FILE_TYPES.get(suffix, DEFAULT_FILE_TYPE)
