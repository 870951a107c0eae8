"""Work files of the city-scale path hold what a resumed run needs without pickle: reading one
can never run code."""

import pickle
from dataclasses import dataclass

import numpy as np
import pytest

from smartplan.io import workfiles


@workfiles.register
@dataclass
class Summary:
    n: int
    edges: tuple
    sides: dict


def test_round_trip_of_a_tile_summary(tmp_path):
    obj = (
        Summary(
            3,
            (np.arange(4, dtype=np.int64), np.array([0.5, np.nan])),
            {"top": (np.ones((2, 2), np.float32), -1), 7: None},
        ),
        {1: b"\x01\x02wkb", 2: float("inf")},
        [True, "x", 1.5],
    )
    path = tmp_path / "local_0.npz"
    workfiles.dump(str(path), obj)
    got = workfiles.load(str(path))
    s, polys, rest = got
    assert isinstance(s, Summary) and s.n == 3 and set(s.sides) == {"top", 7}
    np.testing.assert_array_equal(s.edges[0], obj[0].edges[0])
    assert s.edges[0].dtype == np.int64 and np.isnan(s.edges[1][1])
    assert s.sides["top"][0].dtype == np.float32 and s.sides["top"][1] == -1 and s.sides[7] is None
    assert polys == {1: b"\x01\x02wkb", 2: float("inf")} and rest == [True, "x", 1.5]


def test_what_is_not_data_is_refused(tmp_path):
    class Other:
        pass

    with pytest.raises(TypeError):
        workfiles.dump(str(tmp_path / "a.npz"), {"x": Other()})
    with pytest.raises(TypeError):
        workfiles.dump(str(tmp_path / "b.npz"), np.array([Other()], dtype=object))
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_a_pickle_in_a_work_file_is_never_unpickled(tmp_path):
    evil = tmp_path / "local_0.npz"
    np.savez(
        str(evil),
        structure=np.frombuffer(b'{"~a": 0}', np.uint8),
        a0=np.array([pickle.dumps(print)], dtype=object),
    )
    with pytest.raises(ValueError):  # numpy refuses object arrays with allow_pickle=False
        workfiles.load(str(evil))
