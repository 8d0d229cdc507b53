"""csv-center-splitter: gather the arguments and run."""

from csv_center_splitter_app.main import run
from gear_runner import GearArgs, run_gear


def main(args: GearArgs) -> int:
    """The gear's arguments, from config.json, passed to main.run."""
    return run(
        client=args.client,
        output_dir=args.output_dir,
        input_file=args.inputs.path("input_file"),
    )


if __name__ == "__main__":
    run_gear(main)
