"""project-management: gather the arguments and run."""

from gear_runner import GearArgs, run_gear
from project_app.main import run


def main(args: GearArgs) -> int:
    """The gear's arguments, from config.json, passed to main.run."""
    return run(
        client=args.client,
        gear=args.gear,
        project_file=args.inputs.path("project_file"),
        admin_group=args.config.str("admin_group"),
        dry_run=args.config.bool("dry_run"),
        new_only=args.config.bool("new_only"),
        output_dir=args.output_dir,
    )


if __name__ == "__main__":
    run_gear(main)
