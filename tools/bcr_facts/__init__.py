"""Bazel Central Registry facts: a checked-in record and Bazel's module resolution over it."""
