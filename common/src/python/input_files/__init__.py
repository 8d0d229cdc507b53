"""A gear's file inputs as config.json gives them: local path, Flywheel metadata, container.

`read_input_file` turns one `inputs.<name>` entry of config.json into an `InputFile`: its file
name and local path (`location`), its Flywheel file type, size, id, version, tags and info
(`object`), and the container it sits in (`hierarchy`) with its parents (`object.parents`, when
the job gives them). A file whose type the manifest does not accept (`type.enum`) is one clear
`InputFileError`. `gear_runner`'s `args.inputs.file(name)` calls it for a gear.
"""

from input_files.input_file import ContainerRef, InputFile, InputFileError, read_input_file

__all__ = ["ContainerRef", "InputFile", "InputFileError", "read_input_file"]
