"""Benchmarks: each bench_*.py module exposes run(quick: bool) -> dict; `python -m benchmarks` runs them all."""
