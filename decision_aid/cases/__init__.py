"""Trainer tooling: teaching cases written as YAML, run against the same core."""
