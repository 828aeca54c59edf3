"""Numbered, reproducible data releases: Frictionless Data Packages of the public data."""
