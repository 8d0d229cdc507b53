"""Offline check of the GitHub Actions workflows and local actions under .github/: GitHub's JSON
Schemas (check-jsonschema's built-in copies) plus the rules a schema cannot express."""
