"""Tests of the offline build check."""
