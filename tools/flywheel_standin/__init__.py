"""A local, stateful stand-in for the Flywheel API that the real flywheel-sdk talks to."""

from flywheel_standin.faults import Fault
from flywheel_standin.holds import Hold
from flywheel_standin.hooks import Barrier, Gate
from flywheel_standin.seed import SeedError
from flywheel_standin.server import LoggedRequest, StandIn

__all__ = ["Barrier", "Fault", "Gate", "Hold", "LoggedRequest", "SeedError", "StandIn"]
