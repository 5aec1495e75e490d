"""Lint: engine.py runs the rule families in rules/, one module each, into Findings."""
