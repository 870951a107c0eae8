"""The importer's HTTP through QGIS' network stack (QgsBlockingNetworkRequest): the same time
limits, retries and messages as without QGIS, and logins saved in QGIS' authentication manager
(the password never leaves it), against the fake DIPAS server on 127.0.0.1."""

import threading

import processing
import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProcessingException

from smartplan.io.http_qgis import QgisHttp
from tests.hostile.test_network_faults import server, timed  # noqa: F401 (fixture and helper)


def test_json_and_errors_through_qgis(server):  # noqa: F811
    http = QgisHttp(timeout=(2.0, 2.0), retries=1, backoff=0.05)
    assert http.get_json(server.url + "/flaky.json")["features"] == []  # 503 once, then OK
    err, _ = timed(lambda: http.get_json(server.url + "/drupal/dipas-pds/projects/nope/contributions"))
    assert err.code == "api_error" and err.info["message"] == "Project not found"
    err, _ = timed(lambda: http.get_json(server.url + "/page.html"))
    assert err.code == "wrong_content_type"
    err, _ = timed(lambda: QgisHttp(timeout=(0.5, 0.5), retries=0).get_json("http://127.0.0.1:9/x"))
    assert err.code == "unreachable"


def test_time_limits_hold_through_qgis(server):  # noqa: F811
    http = QgisHttp(timeout=(1.0, 1.0), retries=2, backoff=0.05, deadline=1.5)
    err, took = timed(lambda: http.get_json(server.url + "/trickle.json?every=0.2"))
    assert err.code == "timeout" and 1.4 <= took < 2.5 and err.info["seconds"] == round(took)
    err, took = timed(
        lambda: QgisHttp(timeout=(1.0, 1.0), retries=10, backoff=0.2, deadline=1.0).get_json(
            server.url + "/busy.json"
        )
    )
    assert err.code == "timeout" and took < 1.4
    flag = threading.Event()
    threading.Timer(0.5, flag.set).start()
    err, took = timed(
        lambda: QgisHttp(deadline=30).get(server.url + "/trickle.json?every=1", cancelled=flag.is_set)
    )
    assert err.code == "cancelled" and took < 1.2


def test_a_login_saved_in_qgis_is_sent_and_never_shown(server, provider_only, tmp_path):  # noqa: F811
    am = QgsApplication.authManager()
    if not am.masterPasswordIsSet():
        am.setMasterPassword("smartplan-test", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("DIPAS test")
    cfg.setConfig("username", "smartplan")
    cfg.setConfig("password", "geheim")
    assert am.storeAuthenticationConfig(cfg)[0]
    try:
        err, _ = timed(lambda: QgisHttp(retries=0).get_json(server.url + "/private.json"))
        assert err.code == "api_error" and err.info["status"] == 401  # without the login
        data = QgisHttp(authcfg=cfg.id(), retries=0).get_json(server.url + "/private.json")
        assert data["features"] == [] and server.state.auth_headers[-1].startswith("Basic ")
        # the import algorithm's AUTH_CONFIG reaches the request; the password is in no output
        out = str(tmp_path / "p.gpkg")
        with pytest.raises(QgsProcessingException, match="login required"):
            processing.run(
                "smartplan:importfeedback",
                {"SOURCE": server.url + "/private.json", "SOURCE_TYPE": 7, "OUTPUT": out},
            )
        n = len(server.state.auth_headers)
        res = processing.run(
            "smartplan:importfeedback",
            {
                "SOURCE": server.url + "/private.json",
                "SOURCE_TYPE": 7,
                "AUTH_CONFIG": cfg.id(),
                "OUTPUT": out,
            },
        )
        assert server.state.auth_headers[n:] and server.state.auth_headers[-1].startswith("Basic ")
        assert res["OUTPUT"] == out and b"geheim" not in open(out, "rb").read()
    finally:
        am.removeAuthenticationConfig(cfg.id())
