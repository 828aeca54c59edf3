"""bench.run's issue-20 targets: the 10M run against the 1M run's figures."""

from __future__ import annotations

from dataclasses import asdict

from bench.run import SCALE_KEYS, Endpoint, scale_targets


def _point(key: str, rps: float) -> Endpoint:
    return Endpoint(key, f"endpoint {key}", "/x", wrk={"requests": rps, "duration_us": 1e6})


def test_each_endpoint_is_held_to_its_time_at_the_other_scale():
    other = {
        "header": "Machine: x; PostgreSQL 15 (database b, 1,000,000 pledges).",
        "endpoints": [asdict(_point(k, 100)) | {"rps": 100.0} for k in SCALE_KEYS],
    }
    here = {"list": 80.0, "filtered": 76.0, "deep": 90.0}  # detail: not measured here
    by_key = {k: _point(k, here.get(k, 0)) for k in SCALE_KEYS}
    rows = {name.split(" at ")[0]: (measured, result) for name, measured, result in
            scale_targets(by_key, 10_000_000, other)}  # fmt: skip
    assert rows["endpoint list"] == ("80 vs 100 req/s (1.25x the time)", "PASS")
    assert rows["endpoint filtered"] == ("76 vs 100 req/s (1.32x the time)", "FAIL")
    assert rows["endpoint deep"][1] == "PASS"
    assert rows["endpoint detail"] == ("not measured in both runs", "SKIP")
    name = next(n for n, _, _ in scale_targets(by_key, 10_000_000, other))
    assert name == "endpoint list at 10,000,000 within 1.3x of 1,000,000 pledges"
