"""Offline structural check of the GitHub Actions workflows and local actions under .github/."""
