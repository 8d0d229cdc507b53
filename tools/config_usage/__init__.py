"""The config usage check: a gear reads exactly the config and inputs its manifest declares."""

from config_usage.check import check_gear, check_usage

__all__ = ["check_gear", "check_usage"]
