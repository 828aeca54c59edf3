"""Load and scale benchmarks: a synthetic data generator, two baselines, a wrk harness.

Never part of the test run. See docs/performance.md.
"""
