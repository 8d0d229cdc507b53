"""csv-center-splitter: gather the arguments and run."""

from csv_center_splitter_app.main import run
from gear_runner import GearArgs, run_gear


def main(args: GearArgs) -> int:
    """The gear's arguments, from config.json, passed to main.run."""
    return run(
        client=args.client,
        context=args.context,
        gear=args.gear,
        input_file=args.inputs.file("input_file"),
        center_column=args.config.str("center_column"),
        target_project=args.config.str("target_project"),
        delimiter=args.config.str("delimiter"),
        dry_run=args.config.bool("dry_run"),
        output_dir=args.output_dir,
        work_dir=args.work_dir,
    )


if __name__ == "__main__":
    run_gear(main)
