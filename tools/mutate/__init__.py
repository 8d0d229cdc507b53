"""Mutation testing (cosmic-ray) of named modules against their own tests: `./dev mutate`.

A benchmark of the tests, not a step of the gate: each mutant is a one-token change of the
module; a mutant the tests still pass on ("survived") marks behaviour no test pins down.
"""

from mutate.plan import MutationPlan, default_tests, plan_for
from mutate.report import Summary, summarize
from mutate.session import run_plan

__all__ = ["MutationPlan", "Summary", "default_tests", "plan_for", "run_plan", "summarize"]
