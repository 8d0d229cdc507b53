"""`./dev new-gear`: a new gear's whole layout from templates, registered in the gear list."""

from gear_scaffold.names import GearNames, ScaffoldError
from gear_scaffold.scaffold import create_gear, plan_gear

__all__ = ["GearNames", "ScaffoldError", "create_gear", "plan_gear"]
