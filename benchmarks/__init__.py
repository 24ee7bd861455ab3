"""Benchmarks run by `make bench`; each prints figures, none asserts timings."""
