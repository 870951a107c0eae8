"""HTTP through QGIS' own network stack (``QgsBlockingNetworkRequest`` over
``QgsNetworkAccessManager``): the proxy QGIS is set to (including the system proxy, PAC files
and exclusions), saved logins (an authentication configuration id: basic auth, tokens,
certificates — the password stays in QGIS' encrypted store), QGIS' SSL settings and custom
certificate authorities (a municipal TLS-inspecting proxy). The time limits, retries and
messages are those of ``io.http.HttpBase``; gzip is QGIS'."""

import threading
from urllib.parse import urlencode

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..core.feedback import FeedbackError
from .http import DEFAULT_TIMEOUT, REQUEST_DEADLINE, HttpBase, Retryable, safe_url, watch

# reply errors another attempt may cure (the server or the way to it was busy or gone)
_TRANSIENT = {
    QNetworkReply.NetworkError.ConnectionRefusedError,
    QNetworkReply.NetworkError.RemoteHostClosedError,
    QNetworkReply.NetworkError.HostNotFoundError,
    QNetworkReply.NetworkError.TemporaryNetworkFailureError,
    QNetworkReply.NetworkError.NetworkSessionFailedError,
    QNetworkReply.NetworkError.ProxyConnectionRefusedError,
    QNetworkReply.NetworkError.ProxyConnectionClosedError,
    QNetworkReply.NetworkError.ProxyNotFoundError,
    QNetworkReply.NetworkError.UnknownNetworkError,
}
_SSL = {QNetworkReply.NetworkError.SslHandshakeFailedError}


class QgisHttp(HttpBase):
    """``HttpBase`` over QGIS' network stack; ``authcfg``: the id of a saved QGIS login (or '')."""

    def __init__(
        self, authcfg="", timeout=DEFAULT_TIMEOUT, retries=2, backoff=0.4, deadline=REQUEST_DEADLINE
    ):
        super().__init__(timeout, retries, backoff, deadline)
        self.authcfg = authcfg or ""

    def _fetch(self, url, params, limits, end, cancelled, progress, timeout_error):
        full = url + (("&" if "?" in url else "?") + urlencode(params) if params else "")
        req = QNetworkRequest(QUrl(full))
        req.setRawHeader(b"User-Agent", self.user_agent.encode())
        req.setRawHeader(b"Accept", self.accept.encode())
        if hasattr(req, "setTransferTimeout"):  # Qt ≥ 5.15: the longest silence of one attempt
            req.setTransferTimeout(max(1, int(limits[1] * 1000)))
        blocking = QgsBlockingNetworkRequest()
        if self.authcfg:
            blocking.setAuthCfg(self.authcfg)
        if progress is not None:
            blocking.downloadProgress.connect(
                lambda got, total: progress(min(1.0, got / total)) if total > 0 else None
            )
        feedback = QgsFeedback()
        stop = threading.Event()
        fired = watch(cancelled, end, stop, lambda _why: feedback.cancel())
        try:
            code = blocking.get(req, True, feedback)
        finally:
            stop.set()
        if fired == ["cancelled"]:
            raise FeedbackError("cancelled")
        if fired:
            raise timeout_error()
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        status = int(status) if status not in (None, "") else 0
        if code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError:
            raise Retryable(timeout_error())
        if status == 0:  # no HTTP answer at all
            err = reply.error()
            if err in _SSL or "ssl" in (reply.errorString() or "").lower():
                raise FeedbackError("ssl", url=safe_url(url))
            if err == QNetworkReply.NetworkError.TimeoutError:
                raise Retryable(timeout_error())
            if err in _TRANSIENT or code == QgsBlockingNetworkRequest.ErrorCode.NetworkError:
                raise Retryable(FeedbackError("unreachable", url=safe_url(url)))
            raise FeedbackError("unreachable", url=safe_url(url))
        ctype = bytes(reply.rawHeader(b"Content-Type")).decode("latin-1").split(";")[0].strip().lower()
        final = reply.request().url().toString() if reply.request() is not None else full
        return status, ctype, bytes(reply.content()), final
