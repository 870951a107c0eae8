"""Network faults against the fake DIPAS server on 127.0.0.1 (no QGIS): time limits that hold
whatever the server does — trickling one byte at a time, never answering, busy for ever — a
cancel that takes effect during a stalled transfer, and messages that give the real figures."""

import os
import threading
import time

import pytest

from smartplan.analysis.messages import FeedbackMessages
from smartplan.core.feedback import FeedbackError
from smartplan.io.feedback_sources import Importer
from smartplan.io.http import Http
from tests.fake_dipas import FakeDipas


@pytest.fixture()
def server():
    with FakeDipas() as s:
        yield s


def timed(fn):
    t0 = time.monotonic()
    with pytest.raises(FeedbackError) as e:
        fn()
    return e.value, time.monotonic() - t0


def test_a_trickling_server_is_given_up_at_the_deadline(server):
    # one byte every 0.2 s never trips the read timeout of 1 s: only a total deadline ends it
    http = Http(timeout=(1.0, 1.0), retries=2, backoff=0.05, deadline=1.5)
    err, took = timed(lambda: http.get_json(server.url + "/trickle.json?every=0.2"))
    assert err.code == "timeout"
    assert 1.4 <= took < 2.5
    assert err.info["seconds"] == round(took)  # the message gives the real figure
    text = FeedbackMessages().message(err)
    assert f"{round(took)} s" in text and "trickle.json" in text


def test_a_silent_server_fails_after_the_deadline_not_retries_times_timeout(server):
    # read timeout 1 s, 3 attempts: without a deadline this took ≥ 3 s (546 s with the defaults)
    http = Http(timeout=(1.0, 1.0), retries=2, backoff=0.05, deadline=1.6)
    err, took = timed(lambda: http.get_json(server.url + "/slow.json?s=10"))
    assert err.code == "timeout" and took < 2.3
    assert err.info["attempts"] == 2  # 1 s, then the 0.6 s left
    assert err.info["seconds"] == round(took)


def test_retries_of_a_busy_server_stay_within_the_deadline(server):
    http = Http(timeout=(1.0, 1.0), retries=10, backoff=0.2, deadline=1.0)
    err, took = timed(lambda: http.get_json(server.url + "/busy.json"))
    assert err.code == "timeout" and took < 1.3
    assert 2 <= server.state.busy_requests <= 4  # 0.2 + 0.4 s pauses fit, 0.8 s more does not
    # with the retries used up inside the deadline the server's own answer is reported
    server.state.busy_requests = 0
    err, _ = timed(
        lambda: Http(timeout=(1.0, 1.0), retries=1, backoff=0.05).get_json(server.url + "/busy.json")
    )
    assert err.code == "http_status" and err.info["status"] == 503 and server.state.busy_requests == 2


def test_cancel_ends_a_stalled_transfer_at_once(server):
    flag = threading.Event()
    threading.Timer(0.5, flag.set).start()
    http = Http(timeout=(5.0, 5.0), deadline=30)
    err, took = timed(lambda: http.get(server.url + "/trickle.json?every=1", cancelled=flag.is_set))
    assert err.code == "cancelled" and took < 1.0


def test_one_deadline_for_the_whole_import(server, tmp_path):
    out = tmp_path / "store.gpkg"
    imp = Importer(http=Http(timeout=(5.0, 5.0), deadline=60))
    imp.import_deadline = 1.0
    err, took = timed(
        lambda: imp.import_into(str(out), server.url + "/trickle.json?every=0.1", source_type="geojson")
    )
    assert err.code == "import_deadline" and took < 1.6
    assert err.info["seconds"] == 1.0
    assert "1 s" in FeedbackMessages().message(err)
    assert not os.path.exists(out) and not list(tmp_path.iterdir())  # nothing written
    # the limit belongs to that import: the next one on the same client has its own
    ok = Importer(http=imp.http).import_into(str(out), server.url, project="p1")
    assert ok["total"] > 0
