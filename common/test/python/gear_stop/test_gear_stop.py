"""The stop flag and its signal handlers (real signals sent to this process)."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from gear_stop import (
    STOP_SIGNALS,
    StopFlag,
    StopRequested,
    handling,
    signal_name,
    stop_handlers,
)


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=signal_name)
def test_each_stop_signal_sets_the_flag_and_the_old_handler_comes_back(
    signum: signal.Signals,
) -> None:
    before = signal.getsignal(signum)
    flag = StopFlag()
    with stop_handlers(flag):
        os.kill(os.getpid(), signum)  # delivered to this thread before kill returns
        assert flag.signal_name == signum.name
    assert signal.getsignal(signum) is before


def test_the_first_signal_is_the_one_remembered() -> None:
    flag = StopFlag()
    with stop_handlers(flag):
        os.kill(os.getpid(), signal.SIGHUP)
        os.kill(os.getpid(), signal.SIGINT)  # no KeyboardInterrupt either
    assert flag.signal_name == "SIGHUP"


def test_raise_if_stopped_is_a_base_exception_naming_the_signal() -> None:
    flag = StopFlag()
    flag.raise_if_stopped("nothing")  # not stopped: no error
    flag.request("SIGTERM")
    with pytest.raises(StopRequested) as raised:
        flag.raise_if_stopped("create_group on alpha")
    assert not isinstance(raised.value, Exception)  # `except Exception` in a gear lets it by
    assert raised.value.signal_name == "SIGTERM"
    assert str(raised.value) == "stopped by SIGTERM before create_group on alpha"
    flag.clear()
    assert flag.signal_name is None


def test_sleep_returns_at_once_when_stopped() -> None:
    flag = StopFlag()
    flag.request("SIGINT")
    flag.sleep(3600)  # would hang the test if it did not return


def test_signal_name_of_an_unknown_number() -> None:
    assert signal_name(signal.SIGTERM) == "SIGTERM"
    assert signal_name(10_000) == "signal 10000"


def test_handling_installs_for_the_block_and_puts_the_old_handlers_back() -> None:
    seen: list[int] = []
    before = signal.getsignal(signal.SIGUSR1)
    with handling([signal.SIGUSR1], lambda signum, frame: seen.append(signum)) as installed:
        assert installed is True
        os.kill(os.getpid(), signal.SIGUSR1)
    assert seen == [signal.SIGUSR1]
    assert signal.getsignal(signal.SIGUSR1) is before


def test_handling_outside_the_main_thread_installs_nothing() -> None:
    results: list[object] = []

    def in_a_thread() -> None:
        with handling([signal.SIGUSR1], lambda signum, frame: None) as installed:
            results.append((installed, signal.getsignal(signal.SIGUSR1)))

    before = signal.getsignal(signal.SIGUSR1)
    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join(timeout=10)
    assert results == [(False, before)]
