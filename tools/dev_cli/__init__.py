"""`./dev`: the developer entry point for work without Bazel."""
