"""Adversarial tests: "nothing lost, nobody in".

Kills at many moments, full disks, dying connections, live writers, hostile
and fuzzed dumps, and the safe defaults of a dump. Every command runs as a
real subprocess against the test database of the run (see tests/conftest.py),
except where a test says it runs a command in-process for speed.
"""
