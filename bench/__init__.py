"""Benchmarks: how fast and lean the crawler is, side by side with baselines in the same run.

``python -m bench`` runs them all and writes ``bench/results.json``; see bench/README.md.
"""
