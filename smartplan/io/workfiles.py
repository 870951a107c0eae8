"""Work files of the city-scale path (finished tiles kept for a resumed run), without pickle:
a value made of dicts, lists, tuples, numbers, strings, bytes, None, numpy arrays and the
dataclasses named in ``TYPES`` is stored as one ``.npz`` whose arrays are loaded with
``allow_pickle=False`` and whose structure is JSON. Reading one can never run code (pickle's
load can, which is why the plugin repository's scan refuses it)."""

import dataclasses
import io
import json

import numpy as np

from .files import replacing

TYPES = {}  # dataclass name → class: what a work file may hold


def register(cls):
    TYPES[cls.__name__] = cls
    return cls


def _encode(obj, arrays, blob):
    if isinstance(obj, np.ndarray):
        if obj.dtype == object:
            raise TypeError("object arrays cannot be stored")
        arrays.append(obj)
        return {"~a": len(arrays) - 1}
    if isinstance(obj, (np.integer, np.floating, np.bool_)):
        return _encode(obj.item(), arrays, blob)
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, float):
        return obj if np.isfinite(obj) else {"~f": repr(obj)}
    if isinstance(obj, (bytes, bytearray, memoryview)):  # WKB: all in one blob (one npz member)
        start = len(blob)
        blob += bytes(obj)
        return {"~b": [start, len(blob) - start]}
    if isinstance(obj, tuple):
        return {"~t": [_encode(v, arrays, blob) for v in obj]}
    if isinstance(obj, list):
        return [_encode(v, arrays, blob) for v in obj]
    if isinstance(obj, dict):
        return {"~d": [[_encode(k, arrays, blob), _encode(v, arrays, blob)] for k, v in obj.items()]}
    if dataclasses.is_dataclass(obj) and TYPES.get(type(obj).__name__) is type(obj):
        return {
            "~c": type(obj).__name__,
            "f": {f.name: _encode(getattr(obj, f.name), arrays, blob) for f in dataclasses.fields(obj)},
        }
    raise TypeError(f"a work file cannot hold {type(obj).__name__}")


def _decode(obj, arrays, blob):
    if isinstance(obj, list):
        return [_decode(v, arrays, blob) for v in obj]
    if not isinstance(obj, dict):
        return obj
    if "~a" in obj:
        return arrays[f"a{obj['~a']}"]
    if "~b" in obj:
        start, length = obj["~b"]
        return blob[start : start + length]
    if "~f" in obj:
        return float(obj["~f"])
    if "~t" in obj:
        return tuple(_decode(v, arrays, blob) for v in obj["~t"])
    if "~d" in obj:
        return {_decode(k, arrays, blob): _decode(v, arrays, blob) for k, v in obj["~d"]}
    if "~c" in obj:
        cls = TYPES[obj["~c"]]
        return cls(**{k: _decode(v, arrays, blob) for k, v in obj["f"].items()})
    raise ValueError("not a SmartPlan work file")


def dump(path, obj):
    """Write ``obj`` to ``path`` (atomically)."""
    arrays = []
    blob = bytearray()
    structure = json.dumps(_encode(obj, arrays, blob))
    payload = {f"a{i}": a for i, a in enumerate(arrays)}
    payload["blob"] = np.frombuffer(bytes(blob), dtype=np.uint8)
    payload["structure"] = np.frombuffer(structure.encode("utf-8"), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez(buf, **payload)
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        fh.write(buf.getvalue())


def load(path):
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    blob = arrays.pop("blob").tobytes() if "blob" in arrays else b""
    return _decode(json.loads(arrays.pop("structure").tobytes().decode("utf-8")), arrays, blob)
