"""Exit codes and the errors a gear run can end with."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The process exit code of a gear run."""

    OK = 0
    FAILED = 1  # the work failed, or Flywheel/AWS could not be reached
    INVALID = 2  # the invocation (config.json, inputs, key, manifest) is invalid


class GearError(Exception):
    """An error that ends the run with one readable line (no traceback)."""

    exit_code: ExitCode = ExitCode.FAILED
    show_traceback: bool = False


class InvocationError(GearError):
    """The invocation is invalid: config.json, an input, a key or the manifest. Exit 2."""

    exit_code = ExitCode.INVALID

    def __init__(self, *problems: str) -> None:
        self.problems: tuple[str, ...] = problems
        super().__init__("\n".join(problems))


class WorkFailed(GearError):  # noqa: N818 -- contract name
    """The gear's work failed. Exit 1."""


class ServiceUnreachable(GearError):  # noqa: N818 -- contract name
    """Flywheel or AWS could not be reached, or answered with a server error. Exit 1."""


class UndeclaredKey(GearError, LookupError):  # noqa: N818 -- contract name
    """The gear asked for a config or input key its manifest does not declare (a gear bug)."""

    show_traceback = True


class WrongKeyKind(GearError, TypeError):  # noqa: N818 -- sibling of UndeclaredKey
    """The gear read a key with an accessor that does not match its manifest type (a gear bug)."""

    show_traceback = True
