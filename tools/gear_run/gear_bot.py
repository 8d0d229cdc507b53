"""`./dev run GEAR --standin --gear-bot`: the gear bot key path, locally.

A local SSM (`local_ssm.LocalSsm`, moto on 127.0.0.1) holds a key for the stand-in's host and
port under the gear's prefix, config apikey_path_prefix names that prefix, and the gear runs
with AWS pointed at the local SSM, so the runtime reads the bot key exactly as in a real job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from gear_run.errors import RunError
from gear_run.output import Output
from gear_spec import BOT_PREFIX_KEY, declared_config
from local_ssm import LocalSsm, isolated_environ

NO_PREFIX_OPTION = (
    f"--gear-bot: the manifest declares no config {BOT_PREFIX_KEY} (the gear cannot use a gear"
    " bot key); add it as `./dev new-gear NAME --gear-bot` does (docs/api-keys.md)"
)


@dataclass(frozen=True)
class LocalBot:
    """A running local SSM holding the bot key: the gear's environment and the parameter."""

    environ: dict[str, str]
    parameter: str


def bot_prefix(manifest: Mapping[str, Any], config: Mapping[str, Any]) -> str:
    """The prefix to store the key under: config's value if set, else the manifest's first
    non-empty `enum` value; RunError when the gear has no such option."""
    directive = declared_config(manifest).get(BOT_PREFIX_KEY)
    if directive is None:
        raise RunError(NO_PREFIX_OPTION)
    chosen = config.get(BOT_PREFIX_KEY)
    if isinstance(chosen, str) and chosen:
        return chosen
    prefixes = [value for value in directive.get("enum") or [] if isinstance(value, str) and value]
    if not prefixes:
        raise RunError(
            f"--gear-bot: config {BOT_PREFIX_KEY} has no non-empty enum value to store the key"
            " under; list the prefix in the manifest's enum"
        )
    return prefixes[0]


@contextmanager
def local_bot(
    prefix: str, bot_key: str, environ: Mapping[str, str], out: Output
) -> Iterator[LocalBot]:
    """A local SSM holding `bot_key` as `<prefix>/apikey` while the block runs."""
    with LocalSsm() as ssm:
        parameter = ssm.put_bot_key(prefix, bot_key)
        print(f"gear bot: local SSM {ssm.url} holds {parameter} (a key for the stand-in)", file=out)
        yield LocalBot(environ=isolated_environ(environ, ssm.url), parameter=parameter)
