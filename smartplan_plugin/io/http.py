"""HTTP for the feedback importers: ``requests`` with timeouts, retries with backoff, gzip, a
proxy (taken from the QGIS settings by the caller), streaming with cancel, and error codes the
QGIS layers translate. URLs in messages are stripped of credentials and tokens: never log secrets."""

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..core.feedback import FeedbackError

SECRET_PARAMS = re.compile(
    r"(token|key|apikey|api_key|password|passwd|pwd|secret|auth|access_token|session)", re.I
)
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


class Http:
    def __init__(
        self,
        proxies=None,
        timeout=(10.0, 180.0),
        retries=2,
        backoff=0.4,
        verify=True,
        user_agent="SmartPlan-QGIS-Plugin",
    ):
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update(
            {
                "User-Agent": user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "application/geo+json, application/json;q=0.9, */*;q=0.5",
            }
        )
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset(["GET"]),
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.verify = verify
        if proxies:
            self.session.proxies.update(proxies)
            self.session.trust_env = False

    def get(self, url, params=None, cancelled=None, progress=None, chunk=256 * 1024):
        """GET ``url`` and return (bytes, content type, final URL). Streams in chunks so a cancel
        takes effect during big downloads (the PDS has no paging)."""
        try:
            r = self.session.get(url, params=params, timeout=self.timeout, stream=True)
        except requests.exceptions.Timeout as exc:
            raise FeedbackError("timeout", url=safe_url(url), seconds=self.timeout[1]) from exc
        except requests.exceptions.SSLError as exc:
            raise FeedbackError("ssl", url=safe_url(url)) from exc
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc).lower():  # a read timeout after the retries
                raise FeedbackError("timeout", url=safe_url(url), seconds=self.timeout[1]) from exc
            raise FeedbackError("unreachable", url=safe_url(url)) from exc
        except requests.exceptions.RequestException as exc:
            raise FeedbackError("unreachable", url=safe_url(url)) from exc
        with r:
            parts, size = [], 0
            total = int(r.headers.get("Content-Length") or 0)
            try:
                for block in r.iter_content(chunk):
                    if cancelled is not None and cancelled():
                        raise FeedbackError("cancelled")
                    parts.append(block)
                    size += len(block)
                    if progress is not None and total:
                        progress(min(1.0, size / total))
            except requests.exceptions.RequestException as exc:
                raise FeedbackError("timeout", url=safe_url(url), seconds=self.timeout[1]) from exc
            body = b"".join(parts)
            ctype = (r.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if r.status_code != 200:
                msg = None
                try:
                    j = json.loads(body.decode("utf-8"))
                    if isinstance(j, dict):
                        msg = j.get("message") or j.get("description") or j.get("detail")
                except (ValueError, UnicodeDecodeError):
                    pass
                if msg:
                    raise FeedbackError(
                        "api_error", url=safe_url(url), status=r.status_code, message=str(msg)[:300]
                    )
                raise FeedbackError("http_status", url=safe_url(url), status=r.status_code)
            return body, ctype, r.url

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
