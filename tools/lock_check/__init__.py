"""Checks that requirements_lock.txt is the resolution of requirements.in."""
