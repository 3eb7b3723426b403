"""Benchmarks: quality and speed, results recorded in BENCHMARKS.md with their commands."""
