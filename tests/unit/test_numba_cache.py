"""The compiled kernels come from numba's on-disk cache in a new process.

A kernel that captures another compiled function in a closure misses the cache and is compiled
anew by every process — seconds for each ``qgis_process`` run of a batch over many tiles."""

import os
import subprocess
import sys

import numba  # noqa: F401  (the accelerator is part of the test environment)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCRIPT = r"""
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from smartplan.core import nesting, sinks, streams
rng = np.random.default_rng(0)
z = rng.random((150, 140)).astype(np.float32)
t = sinks.build_terrain(z)
st = sinks.sink_table(t)
nesting.nested_sinks(st, t)
acc = streams.flow_accumulation(t.rcv, z.shape)
streams.stream_network(t.rcv, acc, 20)
"""


def run(cache_dir):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache_dir), NUMBA_DEBUG_CACHE="1")
    env.pop("SMARTPLAN_NO_NUMBA", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, ROOT], env=env, capture_output=True, text=True, timeout=600, check=True
    )
    return out.stdout + out.stderr


def test_second_process_compiles_nothing():
    # the suite's cache (tests/conftest.py): the first process loads what the test process compiled
    # and stores what it lacks; a process after it must find everything there
    cache = os.environ["NUMBA_CACHE_DIR"]
    first = run(cache)
    assert "data saved" in first or "data loaded" in first
    second = run(cache)
    assert "data loaded" in second
    assert "data saved" not in second, [line for line in second.splitlines() if "saved" in line]
