"""The registry of `./dev` subcommands: module names, in the order `./dev --help` lists them."""

COMMAND_MODULES: tuple[str, ...] = (
    "dev_cli.cmd_test",
    "dev_cli.cmd_fmt",
    "dev_cli.cmd_buildcheck",
    "dev_cli.cmd_deps",
    "dev_cli.cmd_bcr_refresh",
    "dev_cli.cmd_check_manifest",
    "dev_cli.cmd_lock",
    "dev_cli.cmd_standin",
    "dev_cli.cmd_run",
    "dev_cli.cmd_bench",
    "dev_cli.cmd_mutate",
    "dev_cli.cmd_new_gear",
    "dev_cli.cmd_bump",
    "dev_cli.cmd_changed",
    "dev_cli.cmd_usage",
    "dev_cli.cmd_upload",
)
