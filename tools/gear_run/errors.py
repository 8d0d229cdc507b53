"""The one error `./dev run` reports as a single line (a mistake on its command line)."""


class RunError(Exception):
    """A bad `./dev run` invocation: unknown gear, config key, value, input or key file."""
