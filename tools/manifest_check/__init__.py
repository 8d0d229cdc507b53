"""Checks a gear manifest against the gear spec and against its BUILD file's image values."""
