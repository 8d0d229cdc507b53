"""What a gear records on its input file (tags, QC results), written by fw-gear as
`output/.metadata.json` when the gear's context exits without an exception.

`record_file_results(context, input_file, tags=..., qc=QcResult(...))` puts them into fw-gear's
`context.metadata`: the QC result under the file's `info.qc.<gear name>` (with fw-gear's job
info), the tags added to those the file has. fw-gear builds the file from what config.json
says (`input_files.InputFile`: name, container, tags, info), so nothing is read for it; it does
read the job's destination container once, to check that the file's container is at or above
it (Flywheel's rule for `.metadata.json`).
"""

from gear_metadata.results import MetadataError, QcResult, record_file_results

__all__ = ["MetadataError", "QcResult", "record_file_results"]
