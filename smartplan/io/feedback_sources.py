"""The feedback importer: one core for the dock, the Processing algorithm and the table mode.

Sources: DIPAS PDS API (projects, contributions, commented contributions, category colours and
icons from ``dipas/init`` or ``layerstyles.json``), DIPAS Masterportal layer feed, DIPAS admin
CSV export (joined with PDS data on ``Node ID``), CoSI exports, OGC API – Features, WFS 2.0, and
any GeoJSON / GeoPackage / CSV with a field mapping. Results are merged into the participation
GeoPackage (see :mod:`feedback_store`)."""

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..core import feedback as fb
from . import feedback_store as store
from .files import Locked, file_lock, replacing
from .http import IMPORT_DEADLINE, Http, safe_url


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 - marks a text for pylupdate5, translated where shown
    return text


@dataclass(frozen=True)
class SourceFormat:
    """A participation source the importer reads: ``read(importer, source, project,
    with_comments, mapping, join_source)`` returns the importer's result. ``label`` (the panel)
    and ``long_label`` (the Processing parameter) are English texts of the ``SourceFormats``
    translation context. A new format = its reader on ``Importer`` + one entry in ``FORMATS``."""

    key: str
    label: str
    long_label: str
    read: Callable


FORMATS = (
    SourceFormat(
        "dipas_pds",
        QT_TRANSLATE_NOOP("SourceFormats", "DIPAS PDS API"),
        QT_TRANSLATE_NOOP("SourceFormats", "DIPAS PDS API (or PDS GeoJSON file)"),
        lambda imp, src, pid, comments, _m, _j: (
            imp.from_dipas_pds(src, pid, comments) if is_url(src) else imp.from_pds_file(src, pid)
        ),
    ),
    SourceFormat(
        "masterportal",
        QT_TRANSLATE_NOOP("SourceFormats", "DIPAS Masterportal feed"),
        QT_TRANSLATE_NOOP("SourceFormats", "DIPAS Masterportal layer feed"),
        lambda imp, src, pid, _c, _m, _j: imp.from_masterportal(src, pid),
    ),
    SourceFormat(
        "dipas_csv",
        QT_TRANSLATE_NOOP("SourceFormats", "DIPAS CSV export"),
        QT_TRANSLATE_NOOP("SourceFormats", "DIPAS admin CSV export"),
        lambda imp, src, pid, _c, _m, join: imp.from_dipas_csv(src, pid, join),
    ),
    SourceFormat(
        "cosi",
        QT_TRANSLATE_NOOP("SourceFormats", "CoSI export"),
        QT_TRANSLATE_NOOP("SourceFormats", "CoSI export (EPSG:25832)"),
        lambda imp, src, pid, _c, _m, _j: imp.from_pds_file(src, pid, "cosi", crs_label="25832"),
    ),
    SourceFormat(
        "ogcapi",
        QT_TRANSLATE_NOOP("SourceFormats", "OGC API – Features"),
        QT_TRANSLATE_NOOP("SourceFormats", "OGC API – Features"),
        lambda imp, src, pid, _c, mapping, _j: imp.from_ogcapi(src, pid, mapping),
    ),
    SourceFormat(
        "wfs",
        QT_TRANSLATE_NOOP("SourceFormats", "WFS 2.0"),
        QT_TRANSLATE_NOOP("SourceFormats", "WFS 2.0"),
        lambda imp, src, pid, _c, mapping, _j: imp.from_wfs(src, pid, mapping),
    ),
    SourceFormat(
        "geojson",
        QT_TRANSLATE_NOOP("SourceFormats", "GeoJSON"),
        QT_TRANSLATE_NOOP("SourceFormats", "GeoJSON"),
        lambda imp, src, pid, _c, mapping, _j: imp.from_geojson(src, pid, mapping),
    ),
    SourceFormat(
        "csv",
        QT_TRANSLATE_NOOP("SourceFormats", "CSV"),
        QT_TRANSLATE_NOOP("SourceFormats", "CSV (lon/lat or x/y columns)"),
        lambda imp, src, pid, _c, mapping, _j: imp.from_csv(src, pid, mapping),
    ),
    SourceFormat(
        "gpkg",
        QT_TRANSLATE_NOOP("SourceFormats", "GeoPackage / vector file"),
        QT_TRANSLATE_NOOP("SourceFormats", "GeoPackage / other vector file"),
        lambda imp, src, pid, _c, mapping, _j: imp.from_ogr(src, pid, mapping),
    ),
)
FORMAT_BY_KEY = {f.key: f for f in FORMATS}
AUTO_LABEL = QT_TRANSLATE_NOOP("SourceFormats", "Automatic")
# the Processing enum SOURCE_TYPE and the panel's list, in this order (batch scripts pass indices)
SOURCE_TYPES = ("auto", *FORMAT_BY_KEY)


def format_labels(translate, long=False):
    """``[(key, label)]`` of "automatic" and every format, labels through ``translate(text)``
    (``QCoreApplication.translate("SourceFormats", text)`` in QGIS)."""
    return [("auto", translate(AUTO_LABEL))] + [
        (f.key, translate(f.long_label if long else f.label)) for f in FORMATS
    ]


def is_url(s):
    return bool(re.match(r"^https?://", str(s).strip(), re.I))


def host_of(url):
    try:
        return (urlsplit(url).hostname or "").lower() or None
    except ValueError:
        return None


_LAYER_KEYS = ("typename", "typenames", "layer", "layers", "collection", "collections")


def source_identity(source):
    """Who the contributions of a source are (with the project id, the key of their records).

    A URL: its host, port and path, plus the query parameters that name a layer (WFS typeNames),
    never credentials or other query values. A file: its name plus a short hash of its full path
    (and layer): two 'export.geojson' in different folders are two sources, and the uid, which
    public exports carry, does not reveal the local folder."""
    if is_url(source):
        u = urlsplit(source.strip())
        keep = sorted((k.lower(), v) for k, v in parse_qsl(u.query) if k.lower() in _LAYER_KEYS)
        port = f":{u.port}" if u.port else ""
        q = "&".join(f"{k}={v}" for k, v in keep)
        return f"{(u.hostname or '').lower()}{port}{u.path.rstrip('/')}" + (f"?{q}" if q else "")
    path, _, layer = str(source).partition("|")
    full = os.path.normcase(os.path.realpath(path)) + (f"|{layer}" if layer else "")
    digest = hashlib.sha256(full.encode("utf-8")).hexdigest()[:10]
    return f"file:{os.path.basename(path)}#{digest}"


def legacy_identity(source):
    """The identity earlier versions gave a file (its name) or URL (its host): records stored
    under it are taken over by the source's identity at its next import."""
    return host_of(source) if is_url(source) else "file:" + os.path.basename(str(source).split("|")[0])


def _load_json_file(path):
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.read().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: [[[[… nested
        raise fb.FeedbackError("not_json", url=os.path.basename(path)) from exc
    except OSError as exc:
        raise fb.FeedbackError("unreadable_file", path=path, error=str(exc)) from exc


def _props(fc):
    feats = fc.get("features") if isinstance(fc, dict) else None
    feats = feats if isinstance(feats, list) else []
    return [
        p if isinstance(p := f.get("properties"), dict) else {} for f in feats[:50] if isinstance(f, dict)
    ]


def detect_source_type(source):
    """The source type of a URL or file by its address and, for files, its content."""
    s = str(source).strip()
    low = s.lower()
    if is_url(s):
        if "/dipas-pds" in low:
            return "dipas_pds"
        if "/masterportal/layer" in low:
            return "masterportal"
        if "service=wfs" in low or re.search(r"/wfs(\b|$)", low):
            return "wfs"
        if "/collections/" in low:
            return "ogcapi"
        if low.endswith(".csv"):
            return "csv"
        if low.endswith((".json", ".geojson")):
            return "geojson"
        return "dipas_pds"  # a DIPAS site address
    path = s.split("|")[0]
    if not os.path.exists(path):
        raise fb.FeedbackError("unreadable_file", path=path, error="not found")
    ext = os.path.splitext(path)[1].lower()
    if ext in (".csv", ".txt", ".tsv"):
        with open(path, "rb") as fh:
            _, headers = fb.read_csv_text(fh.read(65536).rsplit(b"\n", 1)[0] + b"\n")
        return "dipas_csv" if "Node ID" in headers else "csv"
    if ext in (".json", ".geojson"):
        fc = _load_json_file(path)
        props = _props(fc)
        if any("contributionContent" in p or "votingPro" in p or "dipasLocated" in p for p in props):
            if (
                any("originalGeometryType" in p for p in props)
                or str((fc.get("crs") or {})).find("25832") >= 0
            ):
                return "cosi"
            return "dipas_pds"
        if any("nid" in p and "Thema" in p for p in props):
            return "masterportal"
        return "geojson"
    return "gpkg"


def _store_error(code, path, exc):
    """The store could not be read or written: held by another program (SQLite says 'locked' or
    'busy') gets its own message, anything else ``code``."""
    text = str(exc)
    if re.search(r"database is locked|database table is locked|SQLITE_BUSY|\bbusy\b", text, re.I):
        return fb.FeedbackError("store_busy", path=path)
    return fb.FeedbackError(code, path=path, error=text[:200])


class Importer:
    """Runs one import. ``cancelled()`` and ``progress(fraction, text)`` connect it to a QgsTask or
    Processing feedback; ``icon_cache`` is the folder where category icons are kept."""

    def __init__(
        self,
        http=None,
        cancelled=None,
        progress=None,
        icon_cache=None,
        log=None,
        style_fn=None,
        crs_hint=None,
    ):
        self.http = http or Http()
        self.cancelled = cancelled or (lambda: False)
        self.progress = progress or (lambda f, t=None: None)
        self.icon_cache = icon_cache
        self.log = log or (lambda msg: None)
        self.style_fn = style_fn  # styles -> {layer name: QML}: default styles stored in the GeoPackage
        self.warnings = []
        self.crs_hint = crs_hint  # EPSG 25832/25833 of the project: for UTM that fits both zones
        self.lock_timeout = 60.0  # seconds another import may hold the store before this one gives up
        self.import_deadline = IMPORT_DEADLINE  # seconds for all requests of one import

    def check(self):
        if self.cancelled():
            raise fb.FeedbackError("cancelled")

    # ---------------------------------------------------------------- DIPAS PDS
    @staticmethod
    def pds_base(url):
        """(site '<scheme>://<host>[/prefix]/drupal', project id or None) of a DIPAS address."""
        u = url.strip().rstrip("/")
        m = re.search(r"^(.*?)/dipas-pds(?:/projects(?:/([^/?#]+))?)?", u)
        if m:
            return m.group(1), m.group(2)
        return (u if u.endswith("/drupal") else u + "/drupal"), None

    def dipas_projects(self, url):
        site, _ = self.pds_base(url)
        return fb.parse_projects(self.http.get_json(site + "/dipas-pds/projects", cancelled=self.cancelled))

    def from_dipas_pds(self, url, project=None, with_comments=False):
        site, pid = self.pds_base(url)
        pid = project or pid
        host = host_of(site)
        self.progress(0.02, "projects")
        projects = fb.parse_projects(
            self.http.get_json(site + "/dipas-pds/projects", cancelled=self.cancelled)
        )
        if pid is None:
            if len(projects) == 1:
                pid = projects[0]["id"]
            else:
                raise fb.FeedbackError("choose_project", projects=[(p["id"], p["name"]) for p in projects])
        proj = next((p for p in projects if p["id"] == str(pid)), None)
        if proj is None:
            raise fb.FeedbackError(
                "unknown_project", project=pid, projects=[(p["id"], p["name"]) for p in projects]
            )
        self.check()
        self.progress(0.05, "contributions")
        path = "commentedcontributions" if with_comments else "contributions"
        fc = self.http.get_json(
            f"{site}/dipas-pds/projects/{pid}/{path}",
            cancelled=self.cancelled,
            progress=lambda f: self.progress(0.05 + 0.6 * f, "contributions"),
        )
        records, comments = fb.parse_pds_contributions(fc, host, str(pid), proj.get("geometry"))
        self.check()
        styles = self.dipas_styles(site, proj, records)
        return dict(
            records=records,
            comments=comments,
            styles=styles,
            project_id=str(pid),
            project_name=proj["name"],
            expected=proj.get("count"),
            host=host,
            with_comments=with_comments,
        )

    def dipas_styles(self, site, proj, records):
        """Category colours/icons: the project's ``dipas/init``, else ``layerstyles.json``, else
        the fallback palette; icons downloaded once into the cache."""
        known = {}
        sites = []
        if proj and proj.get("website") and is_url(proj["website"]):
            p = urlsplit(proj["website"])
            sites.append(urlunsplit((p.scheme, p.netloc, "/drupal", "", "")))
        sites.append(site)
        for s in dict.fromkeys(sites):
            try:
                known = fb.categories_from_init(
                    self.http.get_json(s + "/dipas/init", cancelled=self.cancelled)
                )
            except fb.FeedbackError as exc:
                if exc.code == "cancelled":
                    raise
                continue
            if known:
                break
        if not known:
            try:
                known = fb.categories_from_layerstyles(
                    self.http.get_json(site + "/masterportal/layerstyles.json", cancelled=self.cancelled)
                )
            except fb.FeedbackError as exc:
                if exc.code == "cancelled":
                    raise
                self.warnings.append("no_category_styles")
        names = [r["category"] for r in records if r.get("category")]
        names += (proj or {}).get("categories") or []
        styles = fb.category_styles(names, known)
        for st in styles.values():
            st["project_id"] = (proj or {}).get("id")
            if st.get("icon"):
                st["icon_path"] = self.cached_icon(st["icon"], site)
        return styles

    def cached_icon(self, url, site):
        """Download a category icon once (protocol-relative '//host/x.png' allowed)."""
        if not self.icon_cache:
            return None
        if url.startswith("//"):
            url = urlsplit(site).scheme + ":" + url
        elif not is_url(url):
            url = urljoin(site + "/", url)
        ext = os.path.splitext(urlsplit(url).path)[1].lower()
        if ext not in (".png", ".svg", ".jpg", ".jpeg", ".gif"):
            ext = ".png"
        path = os.path.join(self.icon_cache, hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + ext)
        if os.path.exists(path):
            return path
        try:
            body, ctype, _ = self.http.get(url, cancelled=self.cancelled)
        except fb.FeedbackError as exc:
            if exc.code == "cancelled":
                raise
            return None
        if not ctype.startswith("image/"):
            return None
        with replacing(path) as tmp, open(tmp, "wb") as fh:
            fh.write(body)
        return path

    # ---------------------------------------------------------------- other DIPAS shapes
    def _json(self, source):
        return (
            self.http.get_json(source, cancelled=self.cancelled)
            if is_url(source)
            else _load_json_file(source)
        )

    def _bytes(self, source):
        if is_url(source):
            return self.http.get(source, cancelled=self.cancelled)[0]
        with open(source, "rb") as fh:
            return fh.read()

    def from_pds_file(self, path, project=None, source_type="dipas_pds", crs_label=None):
        fc = self._json(path)
        host = None
        for p in _props(fc):
            if p.get("link") and is_url(str(p["link"])):
                host = host_of(p["link"])
                break
        host = host or (source_identity(path) if not is_url(path) else host_of(path))
        records, comments = fb.parse_pds_contributions(
            fc, host, project, source_type=source_type, crs_label=crs_label
        )
        pid = project or next((r["project_id"] for r in records if r["project_id"]), "") or ""
        styles = fb.category_styles([r["category"] for r in records if r.get("category")])
        return dict(
            records=records,
            comments=comments,
            styles=styles,
            project_id=pid,
            project_name=pid,
            expected=None,
            host=host,
        )

    def from_masterportal(self, source, project=None):
        fc = self._json(source)
        host = host_of(source) if is_url(source) else source_identity(source)
        pid = project or "masterportal"
        records = fb.parse_masterportal_feed(fc, host, pid)
        styles = {}
        if is_url(source):
            site = source[: source.lower().find("/masterportal")]
            try:
                styles = fb.categories_from_layerstyles(
                    self.http.get_json(site + "/masterportal/layerstyles.json", cancelled=self.cancelled)
                )
            except fb.FeedbackError as exc:
                if exc.code == "cancelled":
                    raise
        styles = fb.category_styles([r["category"] for r in records if r.get("category")], styles)
        return dict(
            records=records,
            comments=[],
            styles=styles,
            project_id=pid,
            project_name=pid,
            expected=None,
            host=host,
        )

    def from_dipas_csv(self, source, project=None, join_source=None):
        rows, headers = fb.read_csv_text(self._bytes(source))
        if "Node ID" not in headers:
            raise fb.FeedbackError("bad_csv", expected="Node ID", found=", ".join(headers[:12]))
        located, host, pid = [], None, project
        if join_source:
            joined = self.run_source(join_source, "auto", project)
            located, host = joined["records"], joined["host"]
            pid = pid or joined["project_id"]
        host = host or (source_identity(source) if not is_url(source) else host_of(source))
        records = fb.parse_dipas_csv(rows, host, pid or "", located)
        styles = fb.category_styles([r["category"] for r in records if r.get("category")])
        return dict(
            records=records,
            comments=[],
            styles=styles,
            project_id=pid or "",
            project_name=pid or "",
            expected=None,
            host=host,
        )

    # ---------------------------------------------------------------- OGC services and files
    def from_ogcapi(self, url, project=None, mapping=None, max_pages=10000):
        feats = []
        nxt = url if "/items" in url else url.rstrip("/") + "/items"
        if "limit=" not in nxt:
            nxt += ("&" if "?" in nxt else "?") + "limit=1000"
        seen = set()
        while nxt and nxt not in seen and len(seen) < max_pages:
            self.check()
            seen.add(nxt)
            page = self.http.get_json(nxt, cancelled=self.cancelled)
            if not isinstance(page, dict) or "features" not in page:
                raise fb.FeedbackError("not_geojson", url=safe_url(nxt))
            feats += page["features"]
            nm = page.get("numberMatched")
            self.progress(min(0.7, 0.7 * len(feats) / nm) if nm else 0.3, "features")
            nxt = next((lk.get("href") for lk in page.get("links") or [] if lk.get("rel") == "next"), None)
            if nxt:
                nxt = urljoin(url, nxt)
        return self._mapped_features(feats, url, project, mapping, "ogcapi")

    def from_wfs(self, url, project=None, mapping=None, page_size=1000):
        p = urlsplit(url)
        q = {k: v for k, v in parse_qsl(p.query)}
        lower = {k.lower(): k for k in q}
        type_name = q.get(lower.get("typenames", ""), q.get(lower.get("typename", ""), project))
        if not type_name:
            raise fb.FeedbackError("wfs_typename")
        base = urlunsplit((p.scheme, p.netloc, p.path, "", ""))
        keep = {
            k: v
            for k, v in q.items()
            if k.lower()
            not in (
                "service",
                "version",
                "request",
                "typenames",
                "typename",
                "outputformat",
                "count",
                "startindex",
                "srsname",
            )
        }
        feats, start = [], 0
        while True:
            self.check()
            params = dict(
                keep,
                service="WFS",
                version="2.0.0",
                request="GetFeature",
                typeNames=type_name,
                outputFormat="application/json",
                srsName="EPSG:4326",
                count=str(page_size),
                startIndex=str(start),
            )
            page = self.http.get_json(base + "?" + urlencode(params), cancelled=self.cancelled)
            got = (page or {}).get("features") or []
            feats += got
            nm = page.get("numberMatched") if isinstance(page, dict) else None
            nm = int(nm) if str(nm).isdigit() else None
            self.progress(min(0.7, 0.7 * len(feats) / nm) if nm else 0.3, "features")
            # servers cap the page size: go on until numberMatched is reached or a page is empty
            if not got or (nm is not None and len(feats) >= nm) or len(feats) > 10_000_000:
                break
            start += len(got)
        return self._mapped_features(feats, url, project or type_name, mapping, "wfs")

    def _mapped_features(self, feats, source, project, mapping, source_type):
        feats = [f for f in (feats if isinstance(feats, list) else []) if isinstance(f, dict)]  # junk out
        for f in feats:
            if not isinstance(f.get("properties"), dict):
                f["properties"] = {}
        rows = [(f or {}).get("properties") or {} for f in feats]
        geoms = [(f or {}).get("geometry") for f in feats]
        for r, f in zip(rows, feats):
            if "id" not in r and (f or {}).get("id") is not None:
                r["id"] = f["id"]
        headers = list(dict.fromkeys(k for r in rows[:200] for k in r))
        pid = project or os.path.splitext(os.path.basename(urlsplit(source).path.rstrip("/")))[0]
        return self._mapped_result(rows, headers, source, pid, mapping, source_type, geoms)

    @staticmethod
    def _mapped_result(rows, headers, source, pid, mapping, source_type, geometries=None):
        """Records of attribute rows through a field mapping (guessed when not given)."""
        mapping = mapping or fb.guess_mapping(headers)
        host = source_identity(source)
        records = fb.parse_mapped(rows, mapping, host, pid, source_type, geometries=geometries)
        styles = fb.category_styles([r["category"] for r in records if r.get("category")])
        return dict(
            records=records,
            comments=[],
            styles=styles,
            project_id=pid,
            project_name=pid,
            expected=None,
            host=host,
            mapping=mapping,
            headers=headers,
        )

    def from_geojson(self, source, project=None, mapping=None):
        fc = self._json(source)
        if not isinstance(fc, dict) or "features" not in fc:
            raise fb.FeedbackError(
                "not_geojson", url=safe_url(source) if is_url(source) else os.path.basename(source)
            )
        return self._mapped_features(fc["features"], source, project, mapping, "geojson")

    def from_csv(self, source, project=None, mapping=None):
        rows, headers = fb.read_csv_text(self._bytes(source))
        pid = project or os.path.splitext(os.path.basename(source))[0]
        return self._mapped_result(rows, headers, source, pid, mapping, "csv")

    def from_ogr(self, source, project=None, mapping=None):
        from osgeo import ogr, osr

        path, _, layer = source.partition("|layername=")
        try:
            ds = ogr.Open(path)
        except RuntimeError as exc:
            raise fb.FeedbackError("unreadable_file", path=path, error=str(exc)) from exc
        if ds is None:
            raise fb.FeedbackError("unreadable_file", path=path, error="")
        lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
        if lyr is None:
            names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
            raise fb.FeedbackError(
                "unknown_layer", path=path, layer=layer or "", layers=", ".join(names) or "–"
            )
        dst = osr.SpatialReference()
        dst.ImportFromEPSG(4326)
        dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        src = lyr.GetSpatialRef()
        ct = osr.CoordinateTransformation(src, dst) if src is not None else None
        feats = []
        for f in lyr:
            g = f.GetGeometryRef()
            geom = None
            if g is not None:
                g = g.Clone()
                if ct is not None:
                    g.Transform(ct)
                geom = json.loads(g.ExportToJson())
            props = {k: f.GetField(k) for k in f.keys()}
            props.setdefault("id", f.GetFID())
            feats.append({"properties": props, "geometry": geom})
        return self._mapped_features(feats, source, project or lyr.GetName(), mapping, "gpkg")

    # ---------------------------------------------------------------- dispatch
    def run_source(
        self, source, source_type="auto", project=None, with_comments=False, mapping=None, join_source=None
    ):
        st = detect_source_type(source) if source_type in (None, "", "auto") else source_type
        self.log(f"source type: {st}")
        fmt = FORMAT_BY_KEY.get(st)
        if fmt is None:
            raise fb.FeedbackError("unknown_source_type", source_type=st)
        res = fmt.read(self, source, project, with_comments, mapping, join_source)
        res["source_type"] = st
        res["records"], dup = fb.separate_duplicates(res["records"])
        if dup["identical"] or dup["renamed"]:
            self.warnings.append(("duplicate_ids", dup))
        return res

    def import_into(
        self,
        output,
        source,
        source_type="auto",
        project=None,
        with_comments=False,
        mapping=None,
        join_source=None,
    ):
        """Fetch, merge into the store ``output`` and write it atomically. Returns a summary dict."""
        with fb.crs_context(self.crs_hint) as crs, self.http.total_limit(self.import_deadline):
            res = self.run_source(source, source_type, project, with_comments, mapping, join_source)
        self.warnings += [w for w in crs.assumed if w not in self.warnings]
        self.check()
        self.progress(0.75, "merge")
        try:  # read, merge and write under the store's lock: a second import waits its turn
            with file_lock(output, timeout=self.lock_timeout):
                try:
                    old, old_comments, old_styles, log = store.read_store(output)
                except (RuntimeError, OSError, KeyError, ValueError) as exc:  # GDAL, damaged file
                    raise _store_error("store_unreadable", output, exc) from None
                legacy = legacy_identity(source)
                if legacy != res["host"]:  # records of this source stored by an earlier version
                    old, old_comments = fb.rehost(old, old_comments, legacy, res["host"], res["project_id"])
                records, counts = fb.merge(
                    old, res["records"], res["host"], res["project_id"], res.get("expected")
                )
                uids = {r["uid"] for r in res["records"]}
                if res.get("with_comments") or res["comments"]:
                    comments = [c for c in old_comments if c["contribution_uid"] not in uids]
                    comments += res["comments"]
                else:
                    comments = old_comments
                styles = dict(old_styles)
                styles.update(res["styles"])
                styles = fb.category_styles([r["category"] for r in records if r.get("category")], styles)
                log = list(log) + [
                    {
                        "time": fb.now_iso(),
                        "source": safe_url(source) if is_url(source) else source,
                        "source_type": res["source_type"],
                        "project_id": res["project_id"],
                        "counts": counts,
                    }
                ]
                self.check()
                self.progress(0.85, "write")
                qml = self.style_fn(styles) if self.style_fn is not None else None
                try:
                    store.write_store(
                        output, records, comments, styles, log, cancelled=self.cancelled, style_qml=qml
                    )
                except (RuntimeError, OSError) as exc:  # read-only folder, disk full, file held open
                    raise _store_error("store_write", output, exc) from None
        except OSError as exc:  # the lock file cannot be made: the folder is not writable
            raise fb.FeedbackError("store_write", path=output, error=str(exc)[:200]) from None
        except Locked as exc:
            raise fb.FeedbackError(
                "store_locked", path=output, pid=exc.info.get("pid", "?"), host=exc.info.get("host", "?")
            ) from None
        self.progress(1.0, "done")
        active = [r for r in records if r.get("status") == "active"]
        return dict(
            counts=counts,
            total=len(active),
            unlocated=sum(1 for r in active if not r.get("located")),
            withdrawn=sum(1 for r in records if r.get("status") == "withdrawn"),
            output=output,
            project_id=res["project_id"],
            project_name=res.get("project_name"),
            source_type=res["source_type"],
            comments=len(comments),
            warnings=self.warnings,
            mapping=res.get("mapping"),
            headers=res.get("headers"),
        )
