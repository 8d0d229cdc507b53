"""flywheel_access's errors as the runtime's: a FlywheelAccessError that escapes a gear's main
is a bug to the runtime (exit 1 with "gear bug" and a traceback); inside `as_work_failed()` it
becomes `WorkFailed`: one line, exit 1, no traceback.

    with as_work_failed("admin group nacc"):
        group = access.admins_of("nacc")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from flywheel_access.records import FlywheelAccessError

if TYPE_CHECKING:
    from gear_runner import WorkFailed


def work_failed(error: FlywheelAccessError, hint: str = "") -> WorkFailed:
    """The WorkFailed (exit 1, one line) for `error`; `hint` (what to do) follows its message."""
    # Imported here, not at the top: importing gear_runner sets flywheel-sdk's retry variables
    # in the process's environment, and tools (./dev) import flywheel_access without wanting
    # that passed on to the processes they start.
    from gear_runner import WorkFailed  # noqa: PLC0415

    return WorkFailed(f"{error}; {hint}" if hint else str(error))


@contextmanager
def as_work_failed(hint: str = "") -> Iterator[None]:
    """Turn a FlywheelAccessError raised inside the block into `work_failed(error, hint)`.

    Other errors pass unchanged (a WorkFailed or InvocationError raised inside stays what it
    is). The original error is not chained: its message is the whole story, and no secret.
    """
    try:
        yield
    except FlywheelAccessError as error:
        raise work_failed(error, hint) from None
