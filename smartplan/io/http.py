"""HTTP for the feedback importers: ``requests`` with timeouts, retries with backoff, gzip, a
proxy (taken from the QGIS settings by the caller), streaming with cancel, and error codes the
QGIS layers translate. URLs in messages are stripped of credentials and tokens: never log secrets."""

import contextlib
import json
import re
import socket
import threading
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..core.feedback import FeedbackError

SECRET_PARAMS = re.compile(
    r"(token|key|apikey|api_key|password|passwd|pwd|secret|auth|access_token|session)", re.I
)
DEFAULT_TIMEOUT = (10.0, 120.0)  # seconds: connect, longest silence between two bytes
REQUEST_DEADLINE = 240.0  # seconds for one request: all attempts and the whole body
IMPORT_DEADLINE = 900.0  # seconds for one import: all its requests
RETRY_STATUS = (429, 500, 502, 503, 504)
JSON_TYPES = (
    "application/json",
    "application/geo+json",
    "application/vnd.geo+json",
    "text/json",
    "application/problem+json",
)


def safe_url(url):
    """The URL without user:password and without secret-looking query parameters."""
    try:
        p = urlsplit(str(url))
    except ValueError:
        return "<url>"
    host = p.hostname or ""
    if p.port:
        host += f":{p.port}"
    q = [(k, "***" if SECRET_PARAMS.search(k) else v) for k, v in parse_qsl(p.query, keep_blank_values=True)]
    return urlunsplit((p.scheme, host, p.path, urlencode(q), ""))


def without_secrets(url):
    """The URL to remember (settings, logs): no user:password and no secret-looking query
    parameters at all (safe_url masks them; a masked token must not be sent back later)."""
    if not re.match(r"^https?://", str(url).strip(), re.I):
        return url  # a file path
    try:
        p = urlsplit(str(url).strip())
    except ValueError:
        return ""
    host = (p.hostname or "") + (f":{p.port}" if p.port else "")
    q = [(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not SECRET_PARAMS.search(k)]
    return urlunsplit((p.scheme, host, p.path, urlencode(q), ""))


class Retryable(Exception):
    """An attempt that failed in a way another attempt may cure (no connection, silence)."""

    def __init__(self, error):
        super().__init__(error.code)
        self.error = error


class HttpBase:
    """GET with honest time limits, for every transport (``requests`` here, QGIS' network stack
    in ``io.http_qgis``): ``timeout`` is (connect, read) of one attempt, the read part being the
    longest silence between two bytes; ``deadline`` bounds one request as a whole — every
    attempt, the pauses between them and the whole body — so a server that trickles one byte
    every few seconds or never answers is given up after ``deadline`` seconds, not after
    retries × read timeout. ``total_limit()`` bounds a whole import (all its requests).
    Connection failures, silences and 429/5xx answers are retried with a growing pause while the
    deadline allows. A transport implements ``_fetch``."""

    user_agent = "SmartPlan-QGIS-Plugin"
    accept = "application/geo+json, application/json;q=0.9, */*;q=0.5"

    def __init__(self, timeout=DEFAULT_TIMEOUT, retries=2, backoff=0.4, deadline=REQUEST_DEADLINE):
        self.timeout = timeout
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.deadline = float(deadline)
        self.until = None  # (monotonic end, seconds) of the import under way, see total_limit()

    def _fetch(self, url, params, limits, end, cancelled, progress, timeout_error):
        """One attempt: (HTTP status, content type, body, final URL). Raises ``Retryable`` for
        what another attempt may cure, ``FeedbackError`` for the rest; ends the transfer at
        ``end`` (monotonic) with ``timeout_error()`` and on ``cancelled()``."""
        raise NotImplementedError

    @contextlib.contextmanager
    def total_limit(self, seconds):
        """All requests inside share one deadline of ``seconds`` (one import)."""
        old = self.until
        self.until = (time.monotonic() + float(seconds), float(seconds))
        try:
            yield self
        finally:
            self.until = old

    def _end(self, start):
        end, whole = start + self.deadline, None
        if self.until is not None and self.until[0] < end:
            end, whole = self.until
        return end, whole

    @staticmethod
    def _timeout(url, start, attempts, whole):
        if whole is not None:
            return FeedbackError("import_deadline", url=safe_url(url), seconds=whole)
        return FeedbackError(
            "timeout", url=safe_url(url), seconds=round(time.monotonic() - start), attempts=max(1, attempts)
        )

    def get(self, url, params=None, cancelled=None, progress=None):
        """GET ``url`` and return (bytes, content type, final URL)."""
        start = time.monotonic()
        end, whole = self._end(start)
        attempt = 0
        while True:
            attempt += 1
            left = end - time.monotonic()
            if left <= 0:
                raise self._timeout(url, start, attempt - 1, whole)
            limits = (min(self.timeout[0], left), min(self.timeout[1], left))
            try:
                status, ctype, body, final = self._fetch(
                    url,
                    params,
                    limits,
                    end,
                    cancelled,
                    progress,
                    lambda n=attempt: self._timeout(url, start, n, whole),
                )
            except Retryable as exc:
                failure = exc.error
            else:
                if status not in RETRY_STATUS or attempt > self.retries:
                    return self._answer(url, status, ctype, body, final)
                failure = None  # busy: try again
            if attempt > self.retries:
                raise failure
            pause = self.backoff * 2 ** (attempt - 1)
            if time.monotonic() + pause >= end:
                if failure is not None and failure.code == "unreachable":
                    raise failure
                raise self._timeout(url, start, attempt, whole)
            while pause > 0:  # a cancel ends the pause
                if cancelled is not None and cancelled():
                    raise FeedbackError("cancelled")
                time.sleep(min(0.1, pause))
                pause -= 0.1

    @staticmethod
    def _answer(url, status, ctype, body, final):
        if status != 200:
            msg = None
            try:
                j = json.loads(body.decode("utf-8"))
                if isinstance(j, dict):
                    msg = j.get("message") or j.get("description") or j.get("detail")
            except (ValueError, UnicodeDecodeError):
                pass
            if msg:
                raise FeedbackError("api_error", url=safe_url(url), status=status, message=str(msg)[:300])
            raise FeedbackError("http_status", url=safe_url(url), status=status)
        return body, ctype, final

    def get_json(self, url, params=None, cancelled=None, progress=None):
        body, ctype, final = self.get(url, params, cancelled, progress)
        stripped = body.lstrip()[:1]
        if (
            ctype not in JSON_TYPES
            and not ctype.endswith("+json")
            and not (ctype in ("text/plain", "application/octet-stream", "") and stripped in (b"{", b"["))
        ):
            raise FeedbackError("wrong_content_type", url=safe_url(url), content_type=ctype or "?")
        try:
            data = json.loads(body.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise FeedbackError("not_json", url=safe_url(url)) from exc
        if isinstance(data, dict) and data.get("status") == "error":
            raise FeedbackError(
                "api_error", url=safe_url(url), status=200, message=str(data.get("message", ""))[:300]
            )
        return data


def watch(cancelled, end, stop, on_fire):
    """Run ``on_fire(reason)`` from a thread when ``cancelled()`` turns true or the monotonic
    ``end`` passes, unless ``stop`` (an Event) is set first. Returns the list of reasons."""
    fired = []

    def loop():
        while not stop.wait(0.1):
            if cancelled is not None and cancelled():
                fired.append("cancelled")
            elif time.monotonic() >= end:
                fired.append("deadline")
            else:
                continue
            on_fire(fired[0])
            return

    threading.Thread(target=loop, name="smartplan-http-watchdog", daemon=True).start()
    return fired


class Http(HttpBase):
    """The ``requests`` transport: works without QGIS (tests, scripts); a proxy dict from QGIS'
    settings (``proxies_from_settings``)."""

    def __init__(
        self,
        proxies=None,
        timeout=DEFAULT_TIMEOUT,
        retries=2,
        backoff=0.4,
        verify=True,
        user_agent=None,
        deadline=REQUEST_DEADLINE,
        chunk=256 * 1024,
    ):
        super().__init__(timeout, retries, backoff, deadline)
        self.chunk = chunk
        self.session = requests.Session()
        self.session.headers.update(
            {
                "User-Agent": user_agent or self.user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept": self.accept,
            }
        )
        # retries are ours (HttpBase.get): urllib3's own would multiply the time limits
        adapter = HTTPAdapter(
            max_retries=Retry(total=0, connect=0, read=0, status=0, redirect=5, raise_on_status=False)
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.verify = verify
        if proxies:
            self.session.proxies.update(proxies)
            self.session.trust_env = False

    def _fetch(self, url, params, limits, end, cancelled, progress, timeout_error):
        try:
            r = self.session.get(url, params=params, timeout=limits, stream=True)
        except requests.exceptions.Timeout:
            raise Retryable(timeout_error()) from None
        except requests.exceptions.SSLError as exc:
            raise FeedbackError("ssl", url=safe_url(url)) from exc
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc).lower():
                raise Retryable(timeout_error()) from None
            raise Retryable(FeedbackError("unreachable", url=safe_url(url))) from None
        except requests.exceptions.RequestException as exc:
            raise FeedbackError("unreachable", url=safe_url(url)) from exc
        stop = threading.Event()
        fired = watch(cancelled, end, stop, lambda _why: _break_connection(r))
        with r:
            parts, size = [], 0
            cl = str(r.headers.get("Content-Length") or "")
            total = int(cl) if cl.isdigit() else 0
            try:
                try:
                    for block in r.iter_content(self.chunk):
                        if fired or (cancelled is not None and cancelled()):
                            break
                        parts.append(block)
                        size += len(block)
                        if progress is not None and total:
                            progress(min(1.0, size / total))
                except requests.exceptions.RequestException as exc:
                    if not fired:  # silence longer than the read timeout, or the server broke off
                        raise timeout_error() from exc
            finally:
                stop.set()
            if fired == ["cancelled"] or (not fired and cancelled is not None and cancelled()):
                raise FeedbackError("cancelled")
            if fired:
                raise timeout_error()
            ctype = (r.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            return r.status_code, ctype, b"".join(parts), r.url


def _break_connection(response):
    """Shut the response's socket down so a read blocked in another thread returns now."""
    raw = response.raw
    conn = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
    sock = getattr(conn, "sock", None)
    if sock is None:  # HTTP/1.0 or 'Connection: close': http.client handed the socket to the response
        fp = getattr(getattr(raw, "_fp", None), "fp", None)  # the BufferedReader over socket.SocketIO
        sock = getattr(getattr(fp, "raw", None), "_sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def proxies_from_settings(settings):
    """A requests proxies dict from QGIS' proxy settings (a mapping with the QgsSettings keys
    'proxy/proxyEnabled', 'proxy/proxyType', 'proxy/proxyHost', 'proxy/proxyPort',
    'proxy/proxyUser', 'proxy/proxyPassword'); None when no proxy is set."""

    def val(k, default=None):
        v = settings.get(k, default)
        return default if v in (None, "") else v

    enabled = str(val("proxy/proxyEnabled", "false")).lower() in ("true", "1")
    host = val("proxy/proxyHost")
    if not enabled or not host:
        return None
    ptype = str(val("proxy/proxyType", "HttpProxy"))
    if ptype in ("DefaultProxy", "NoProxy"):
        return None
    scheme = "socks5h" if "Socks" in ptype else "http"
    port = val("proxy/proxyPort")
    user, pwd = val("proxy/proxyUser"), val("proxy/proxyPassword")
    auth = f"{requests.utils.quote(str(user))}:{requests.utils.quote(str(pwd or ''))}@" if user else ""
    url = f"{scheme}://{auth}{host}{':' + str(port) if port else ''}"
    return {"http": url, "https": url}
