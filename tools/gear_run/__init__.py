"""`./dev run`: run a gear locally, as /bin/run would, in a run folder that stays.

See `local_run` for the whole flow, `run_folders` for where runs go and what of them stays,
and `examples` for where `--example` finds inputs.
"""

from gear_run.config_values import config_from_manifest, parse_assignments, split_assignments
from gear_run.errors import RunError
from gear_run.examples import example_inputs, example_seed
from gear_run.gear_folder import file_input, write_config_json, write_gear_folder
from gear_run.interpreter import GearInterpreter, current_interpreter, gear_interpreter
from gear_run.local_gear import LocalGear
from gear_run.local_run import RunOptions, run_local
from gear_run.process import gear_command, gear_environment, run_gear_process
from gear_run.run_folders import new_run_folder

__all__ = [
    "GearInterpreter",
    "LocalGear",
    "RunError",
    "RunOptions",
    "config_from_manifest",
    "current_interpreter",
    "example_inputs",
    "example_seed",
    "file_input",
    "gear_command",
    "gear_environment",
    "gear_interpreter",
    "new_run_folder",
    "parse_assignments",
    "run_gear_process",
    "run_local",
    "split_assignments",
    "write_config_json",
    "write_gear_folder",
]
