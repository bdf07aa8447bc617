"""Benchmarks on ../shared/data; run with `make bench` or `python -m bench.<name>`."""
