import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")


@pytest.fixture(scope="session")
def shared_data():
    if not os.path.isdir(SHARED_DATA):
        pytest.fail(f"shared data folder missing: {SHARED_DATA} (it sits beside the checkout)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def root():
    return ROOT
