"""pytest support shared by every test: the Bazel py_test main and the fixture plugin."""
