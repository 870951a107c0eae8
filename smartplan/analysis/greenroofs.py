"""Green-roof potential (Gründachpotenzial) per roof face and per building: the analysis of
``smartplan:greenroofs``, without QGIS.

* The footprints (``Building``, in the DSM's CRS) are repaired when invalid (``repaired``) and
  grouped into windows of about ``TILE_CELLS`` DSM cells (bounded memory); each window is read
  once, the footprints are burned in (``io.raster.rasterize``: a cell belongs to a footprint
  when its centre lies inside) and ``core.roofs.analyse_tile`` splits each roof into planar
  faces (or takes the LoD2 faces), fits their planes and finds superstructures and the usable
  area. A segmented face is the polygon of its cells cut to the footprint; a LoD2 face keeps
  its own polygon.
* Per building (``roof_output``): the share of the footprint with DSM data, the notes, the
  flags (monument, PV: a polygon that overlaps the footprint — touching is not enough; existing
  green roof from NDVI; stale DSM) and the district of its point on the surface.

``run`` yields the rows of the two outputs (``Output``: layer, WKB, attributes in the order of
``FACE_FIELDS`` / ``ROOF_FIELDS``) one building after the other, so a caller writes them as
they come; ``totals`` and ``greenroofs_report.GreenRoofReport`` sum up the per-building
records. Texts written into the outputs (class names, notes) come from ``GreenRoofTexts``:
English here, translated by the caller's subclass."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..core import geometry as G
from ..core import greenroof_defaults as D
from ..core import roofs as core
from ..io.raster import (
    open_metric,
    polygonize,
    rasterize,
    read_window,
    resample_to_grid,
    window_grid,
)

TILE_CELLS = 384  # buildings are processed in windows of about this size (bounded memory)

# the outputs' schemas (field names and order are the batch interface: do not change them)
FACE_FIELDS = (
    ("face_id", int),
    ("building_id", str),
    ("source", str),
    ("dachform", int),
    ("slope_deg", float),
    ("slope_pct", float),
    ("aspect_deg", float),
    ("rmse_m", float),
    ("class", int),
    ("class_name", str),
    ("area_m2", float),
    ("surface_m2", float),
    ("occupied_m2", float),
    ("usable_m2", float),
    ("shear_protection", bool),
    ("buildup", str),
    ("retention_m3_a", float),
    ("peak_reduction_ls", float),
)
ROOF_FIELDS = (
    ("building_id", str),
    ("footprint_m2", float),
    ("faces", int),
    ("area_c1_m2", float),
    ("area_c2_m2", float),
    ("area_c3_m2", float),
    ("area_c4_m2", float),
    ("green_area_m2", float),
    ("dominant_class", int),
    ("dominant_name", str),
    ("intensive_m2", float),
    ("buildup", str),
    ("retention_m3_a", float),
    ("sewer_saved_m3_a", float),
    ("peak_reduction_ls", float),
    ("cooling_kwh_a", float),
    ("co2_kg_a", float),
    ("dust_g_a", float),
    ("fee_saving_eur_a", float),
    ("weight_min_kg_m2", float),
    ("weight_max_kg_m2", float),
    ("monument", bool),
    ("pv_present", bool),
    ("existing_green", bool),
    ("stale_dsm", bool),
    ("dsm_coverage", float),
    ("partial_dsm", bool),
    ("repaired", bool),
    ("district", str),
    ("note", str),
)
FACES, ROOFS = "FACES", "ROOFS"  # Output.layer

# the fields by which the planning table recognises the two layers (``analysis.outputs``)
ROOF_KEYS = frozenset({"green_area_m2", "dominant_class"})
FACE_KEYS = frozenset({"usable_m2", "class", "slope_deg"})

PARTIAL_COVERAGE = 0.9  # a footprint with less DSM data than this share is 'partly outside'
# notes of a building (Output.record["notes"]; their texts: GreenRoofTexts.note)
NOTE_NO_DSM = "no_dsm"
NOTE_PARTIAL_DSM = "partial_dsm"
NOTE_STALE = "stale"
NOTE_NO_FACE = "no_face"


class GreenRoofTexts:
    """The texts the analysis writes into its outputs, in English. A caller that translates
    derives from this class and a ``tr`` that looks the text up (the Processing wrapper: with
    ``i18n.Translatable``, context ``GreenRoofTexts``)."""

    def tr(self, text):
        return text

    def class_name(self, cls):
        names = {
            1: self.tr("very good"),
            2: self.tr("good"),
            3: self.tr("suitable (shear protection)"),
            4: self.tr("less suitable"),
            5: self.tr("unsuitable"),
            0: self.tr("no roof face"),
        }
        return names.get(int(cls), "")

    def note(self, code):
        notes = {
            NOTE_NO_DSM: self.tr("no DSM data"),
            NOTE_PARTIAL_DSM: self.tr("footprint partly outside the DSM or on NoData"),
            NOTE_STALE: self.tr("DSM shows no building (newer than the flight?)"),
            NOTE_NO_FACE: self.tr("no roof face of the minimum size"),
        }
        return notes.get(code, code)


# ---------------------------------------------------------------------- inputs
class CellsNotSquare(ValueError):
    """The DSM's cells are not square (``dx`` × ``dy`` m): it must be resampled first."""

    def __init__(self, dx, dy):
        super().__init__(f"{dx:g} x {dy:g} m")
        self.dx, self.dy = dx, dy


@dataclass
class Dsm:
    """An opened, checked DSM: the GDAL dataset, its grid and cell size [m]."""

    ds: object
    grid: object  # io.raster.Grid
    cell: float

    def extent(self):
        """The DSM's extent as a shapely polygon."""
        gt, g = self.grid.geotransform, self.grid
        return _rect(gt[0], gt[3] + g.nrows * gt[5], gt[0] + g.ncols * gt[1], gt[3])


def open_dsm(path):
    """The DSM at ``path``, checked: readable, projected in metres, north-up
    (``io.raster.InputError``) and with square cells (``CellsNotSquare``)."""
    ds, grid = open_metric(path)
    gt = grid.geotransform
    cell = abs(gt[1])
    if abs(abs(gt[5]) - cell) > 1e-6 * cell:
        raise CellsNotSquare(cell, abs(gt[5]))
    return Dsm(ds, grid, cell)


def _rect(x0, y0, x1, y1):
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    return G.Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


@dataclass
class Building:
    """A footprint in the DSM's CRS: its id, polygon (repaired when it was invalid) and area."""

    id: str
    geom: object  # shapely (Multi)Polygon
    area: float
    repaired: bool = False


def buildings_from(footprints):
    """``Building``s of ``(id, shapely geometry)`` pairs: invalid footprints are repaired (their
    polygonal part, ``repaired``), those without area are left out."""
    out = []
    for bid, geom in footprints:
        g, repaired = G.valid_polygon(geom)
        if g is None or g.is_empty or g.area <= 0:
            continue
        out.append(Building(str(bid), g, g.area, repaired))
    return out


class Polygons:
    """Polygons with a value each (a district's name, a feature id) for 'which one overlaps this
    footprint' look-ups. Invalid polygons are repaired where something polygonal remains."""

    def __init__(self, items):
        geoms, self.values = [], []
        for geom, value in items:
            g, _ = G.valid_polygon(geom)
            geoms.append(geom if g is None else g)
            self.values.append(value)
        self.index = G.SpatialIndex(geoms)

    def __len__(self):
        return len(self.values)

    def value_over(self, geom):
        """The value of the first polygon whose interior meets ``geom`` (touching is not
        enough; True when its value is None), or None."""
        i = self.index.first_overlapping(geom)
        if i is None:
            return None
        value = self.values[i]
        return value if value is not None else True


def _int_or_none(value):
    try:
        return int(value) if value is not None and str(value) != "NULL" else None
    except (TypeError, ValueError):
        return None


def _float_or_none(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass
class Lod2Faces:
    """LoD2 roof faces: polygon, roof form (Dachform, int or None), slope [°] or None (used where
    the DSM has too few cells for a plane), point on the surface; and their index."""

    faces: list
    index: object = None

    def __post_init__(self):
        self.index = G.SpatialIndex([f["geom"] for f in self.faces])


def lod2_faces(items):
    """``Lod2Faces`` of ``(shapely geometry, roof form value, slope value)`` triples (attribute
    values as read: text, numbers, None or NULL; faces without a geometry are left out). A flat
    roof (Dachform 1000) without a slope has 0°."""
    faces = []
    for geom, form_value, slope_value in items:
        if geom is None:
            continue
        g, _ = G.valid_polygon(geom)
        g = geom if g is None else g
        form = _int_or_none(form_value)
        slope = _float_or_none(slope_value)
        if slope is None and form == 1000:  # Flachdach
            slope = 0.0
        faces.append({"geom": g, "form": form, "slope": slope, "point": _point_on_surface(g)})
    return Lod2Faces(faces)


def _point_on_surface(g):
    try:
        p = g.representative_point()
    except Exception:  # GEOS refuses some broken rings: such a face has no owner
        return None
    return None if p.is_empty else p


@dataclass
class GreenRoofSettings:
    """Segmentation parameters (``core.roofs.RoofParams``), the build-up, the effect
    coefficients (``core.roofs.coefficients``) and the local climate and fee values."""

    params: core.RoofParams = field(default_factory=core.RoofParams)
    buildup: str = D.DEFAULT_BUILDUP
    coefficients: dict = field(default_factory=core.coefficients)
    precipitation_mm: float = D.PRECIPITATION_MM
    design_rain_ls_ha: float = D.DESIGN_RAIN_LS_HA
    fee_eur_m2: float = D.FEE_EUR_M2
    fee_reduction: float = D.FEE_REDUCTION


@dataclass
class Output:
    """A row of an output: ``layer`` FACES or ROOFS, WKB polygon, attributes in the order of
    FACE_FIELDS / ROOF_FIELDS; ``record``: a ROOFS row's figures for ``totals`` and the summary."""

    layer: str
    wkb: bytes
    attributes: list
    record: dict = None


# ---------------------------------------------------------------------- windows
def group_into_windows(buildings, grid, tile_cells=TILE_CELLS):
    """``(windows, outside, cells)``: {(tile row, tile col): [building index, ...]} by the centre of
    each footprint's bounding box, the indices of footprints wholly outside the grid, and each
    footprint's bounding box in (fractional) cells ``(r0, r1, c0, c1)``."""
    gt = grid.geotransform
    windows, outside, cells = defaultdict(list), [], []
    for i, b in enumerate(buildings):
        xmin, ymin, xmax, ymax = b.geom.bounds
        c0, c1 = (xmin - gt[0]) / gt[1], (xmax - gt[0]) / gt[1]
        r0, r1 = (ymax - gt[3]) / gt[5], (ymin - gt[3]) / gt[5]
        cells.append((r0, r1, c0, c1))
        if c1 <= 0 or r1 <= 0 or c0 >= grid.ncols or r0 >= grid.nrows:
            outside.append(i)
            continue
        windows[(int((r0 + r1) / 2 // tile_cells), int((c0 + c1) / 2 // tile_cells))].append(i)
    return windows, outside, cells


def lod2_in_window(lod2, wg, members, buildings):
    """The LoD2 faces of a window's buildings: a face belongs to the first building (of
    ``members``) that contains its point on the surface. Returns ``(face_ids, owner, fallback,
    chosen)``: the faces rasterised on the window grid ``wg`` (k + 1 = chosen face k), the
    owner's position in ``members`` per chosen face, their fallback slopes, and their indices
    in ``lod2.faces``."""
    gt = wg.geotransform
    rect = _rect(gt[0], gt[3] + wg.nrows * gt[5], gt[0] + wg.ncols * gt[1], gt[3])
    chosen, owner = [], []
    member_idx = G.SpatialIndex([buildings[bi].geom for bi in members])
    for j in lod2.index.candidates(rect):
        p = lod2.faces[j]["point"]
        if p is None:
            continue
        for li in member_idx.candidates(p):
            if buildings[members[li]].geom.intersects(p):
                chosen.append(j)
                owner.append(li)
                break
    face_ids = (
        rasterize(wg, [lod2.faces[j]["geom"].wkb for j in chosen])
        if chosen
        else np.zeros((wg.nrows, wg.ncols), np.int32)
    )
    fallback = [lod2.faces[j]["slope"] for j in chosen]
    return face_ids, np.asarray(owner, dtype=np.int64), fallback, chosen


def _cut(face_wkb, footprint):
    """The polygonal part of a face polygon inside its footprint (None if nothing is left)."""
    face = G.from_wkb(face_wkb)
    try:
        cut = face.intersection(footprint)
    except Exception:  # GEOS TopologyException on a broken ring: repair, retry
        face, _ = G.valid_polygon(face)
        if face is None:
            return None
        cut = face.intersection(footprint)
    return G.polygon_parts(cut)


def _cancel_probe(check):
    """``cancelled()`` (True/False) for the core loops, from a ``check`` that raises on cancel."""

    def cancelled():
        try:
            check()
        except Exception:  # whatever the caller raises on cancel
            return True
        return False

    return cancelled


def analyse_window(
    dsm, buildings, members, cells, settings, face_offset=0, rasters=None, lod2=None, check=None
):
    """The roof faces of the buildings ``members`` (indices into ``buildings``) in one window.

    ``cells``: bounding boxes in cells (``group_into_windows``); ``rasters``: paths
    ``{"ndsm", "dtm", "ndvi"}`` (optional; an nDSM is used before a DTM). Returns
    ``(faces, info, n_faces)``: per member the list of its face dicts (``core.roofs`` figures cut
    to the footprint, with ``geom``, ``source``, ``dachform`` and the effects), per member
    position the per-building checks of ``core.roofs.analyse_tile``, and how many face numbers
    the window used."""
    rasters = rasters or {}
    grid, cell = dsm.grid, dsm.cell
    margin = int(math.ceil(3.0 / cell)) + 2
    r0 = max(0, int(math.floor(min(cells[i][0] for i in members))) - margin)
    r1 = min(grid.nrows, int(math.ceil(max(cells[i][1] for i in members))) + margin)
    c0 = max(0, int(math.floor(min(cells[i][2] for i in members))) - margin)
    c1 = min(grid.ncols, int(math.ceil(max(cells[i][3] for i in members))) + margin)
    wg = window_grid(grid, r0, c0, r1 - r0, c1 - c0)
    z = read_window(dsm.ds, r0, c0, r1 - r0, c1 - c0)
    ids = rasterize(wg, [buildings[i].geom.wkb for i in members])
    ndsm = None
    if rasters.get("ndsm"):
        ndsm = resample_to_grid(rasters["ndsm"], wg).astype(np.float64)
    elif rasters.get("dtm"):
        ndsm = z - resample_to_grid(rasters["dtm"], wg)
    ndvi = resample_to_grid(rasters["ndvi"], wg) if rasters.get("ndvi") else None
    face_ids = face_building = fallback = lod2_members = None
    if lod2 is not None:
        face_ids, face_building, fallback, lod2_members = lod2_in_window(lod2, wg, members, buildings)
    try:
        labels, faces, binfo = core.analyse_tile(
            z,
            ids,
            cell,
            settings.params,
            ndsm=ndsm,
            ndvi=ndvi,
            face_ids=face_ids,
            face_building=face_building,
            fallback_slopes=fallback,
            face_offset=face_offset,
            cancelled=None if check is None else _cancel_probe(check),
        )
    except InterruptedError:
        if check is not None:
            check()
        raise
    polys = polygonize(labels, wg, [f["face"] for f in faces]) if lod2 is None else {}
    by_building = defaultdict(list)
    for f in faces:
        by_building[f["building"]].append(f)
    s = settings
    out = []
    for li, bi in enumerate(members):
        b = buildings[bi]
        bfaces = []
        for f in by_building.get(li, []):
            if lod2 is None:
                g, src, form = _cut(polys[f["face"]], b.geom), "dsm", None
            else:
                lf = lod2.faces[lod2_members[f["lod2_face"]]]
                g, src, form = lf["geom"], "lod2", lf["form"]
            if g is None or g.is_empty:
                continue
            area = g.area
            scale = area / f["area_m2"] if f["area_m2"] > 0 else 1.0
            f.update(
                area_m2=area,
                usable_m2=f["usable_m2"] * scale,
                occupied_m2=f["occupied_m2"] * scale,
                surface_m2=area / math.cos(math.radians(f["slope_deg"])),
                geom=g,
                source=src,
                dachform=form,
            )
            f.update(
                core.face_effects(
                    f["usable_m2"],
                    f["slope_pct"],
                    f["class"],
                    s.buildup,
                    s.coefficients,
                    s.precipitation_mm,
                    s.design_rain_ls_ha,
                    s.fee_eur_m2,
                    s.fee_reduction,
                )
            )
            bfaces.append(f)
        out.append(bfaces)
    return out, binfo, len(faces)


# ---------------------------------------------------------------------- outputs
def face_output(f, building_id, texts):
    """The FACES row of a face dict of ``analyse_window``."""
    cls = f["class"]
    return Output(
        FACES,
        f["geom"].wkb,
        [
            f["face"],
            building_id,
            f["source"],
            f["dachform"],
            round(f["slope_deg"], 2),
            round(f["slope_pct"], 2),
            None if f["aspect_deg"] < 0 else round(f["aspect_deg"], 1),
            None if not np.isfinite(f["rmse_m"]) else round(f["rmse_m"], 3),
            cls,
            texts.class_name(cls),
            f["area_m2"],
            f["surface_m2"],
            f["occupied_m2"],
            f["usable_m2"],
            bool(f["slope_deg"] > D.SHEAR_PROTECTION_DEG),
            f["buildup"],
            f["retention_m3_a"],
            f["peak_reduction_ls"],
        ],
    )


def roof_output(b, faces, info, extent, fee_eur_m2, texts, monuments=None, pv=None, districts=None):
    """The ROOFS row of building ``b`` with its ``faces`` and checks ``info`` (None: not in the
    DSM). The DSM coverage is the share of the footprint inside the DSM's ``extent`` × the share
    of its cells with data; under 90 % it is partial."""
    s = core.building_summary(faces)
    info = info or {"cells": 0, "dsm_cells": 0, "stale": None}
    inside = b.geom.intersection(extent).area / b.area if b.area > 0 else 0.0
    with_data = info["dsm_cells"] / info["cells"] if info.get("cells") else 0.0
    coverage = min(1.0, inside * with_data)
    green = info.get("green_m2")
    notes = []
    if coverage == 0:
        notes.append(NOTE_NO_DSM)
    elif coverage < PARTIAL_COVERAGE:
        notes.append(NOTE_PARTIAL_DSM)
    if info.get("stale"):
        notes.append(NOTE_STALE)
    if not faces and coverage > 0:
        notes.append(NOTE_NO_FACE)
    district = districts.value_over(b.geom.representative_point()) if districts else None
    monument = bool(monuments) and monuments.value_over(b.geom) is not None
    pv_present = bool(pv) and pv.value_over(b.geom) is not None
    rec = {
        "id": b.id,
        "district": None if district is None else str(district),
        "faces": len(faces),
        **s,
    }
    attributes = [
        b.id,
        b.area,
        len(faces),
        s["area_c1_m2"],
        s["area_c2_m2"],
        s["area_c3_m2"],
        s["area_c4_m2"],
        s["green_area_m2"],
        s["dominant_class"],
        texts.class_name(s["dominant_class"]),
        s["intensive_m2"],
        next((x["buildup"] for x in faces if x.get("buildup")), None),
        s["retention_m3_a"],
        s["sewer_saved_m3_a"],
        s["peak_reduction_ls"],
        s["cooling_kwh_a"],
        s["co2_kg_a"],
        s["dust_g_a"],
        s["fee_saving_eur_a"] if fee_eur_m2 > 0 else None,
        s["weight_min_kg_m2"],
        s["weight_max_kg_m2"],
        monument,
        pv_present,
        None if green is None else bool(green >= D.EXISTING_GREEN_MIN_M2),
        info.get("stale"),
        round(coverage, 3),
        coverage < PARTIAL_COVERAGE,
        b.repaired,
        rec["district"],
        "; ".join(texts.note(n) for n in notes) or None,
    ]
    rec.update(
        monument=monument,
        pv=pv_present,
        stale=bool(info.get("stale")),
        partial=coverage < PARTIAL_COVERAGE,
        coverage=coverage,
        notes=notes,
    )
    return Output(ROOFS, b.geom.wkb, attributes, rec)


def run(
    dsm,
    buildings,
    settings=None,
    *,
    ndsm=None,
    dtm=None,
    ndvi=None,
    lod2=None,
    monuments=None,
    pv=None,
    districts=None,
    texts=None,
    check=None,
    progress=None,
):
    """The green-roof potential of ``buildings`` (``Building``s in the DSM's CRS) on ``dsm`` (a
    path or ``open_dsm``'s ``Dsm``): yields ``Output`` rows — per building its FACES rows, then its
    ROOFS row; the buildings outside the DSM last.

    ``ndsm`` / ``dtm`` / ``ndvi``: raster paths (optional); ``lod2``: ``Lod2Faces`` used instead
    of the segmentation; ``monuments`` / ``pv`` / ``districts``: ``Polygons`` (the districts'
    values are their names); ``texts``: ``GreenRoofTexts`` (class names and notes);
    ``check()`` raises on cancel, ``progress(percent)`` goes to 95."""
    G.require()
    dsm = dsm if isinstance(dsm, Dsm) else open_dsm(dsm)
    settings = settings or GreenRoofSettings()
    texts = texts or GreenRoofTexts()
    extent = dsm.extent()
    rasters = {"ndsm": ndsm, "dtm": dtm, "ndvi": ndvi}
    flags = {"monuments": monuments, "pv": pv, "districts": districts}
    fee = settings.fee_eur_m2
    windows, outside, cells = group_into_windows(buildings, dsm.grid)
    face_no = done = 0
    total = max(1, len(buildings))
    for key in sorted(windows):
        if check is not None:
            check()
        members = windows[key]
        faces, binfo, n = analyse_window(
            dsm, buildings, members, cells, settings, face_no, rasters, lod2, check
        )
        face_no += n
        for li, bi in enumerate(members):
            b = buildings[bi]
            for f in faces[li]:
                yield face_output(f, b.id, texts)
            yield roof_output(b, faces[li], binfo.get(li), extent, fee, texts, **flags)
        done += len(members)
        if progress is not None:
            progress(95.0 * done / total)
    for i in outside:
        yield roof_output(buildings[i], [], None, extent, fee, texts, **flags)


def totals(records):
    """The run's figures from the ROOFS records: buildings, green-roof area [m²], retention
    [m³/a]."""
    return {
        "buildings": len(records),
        "green_area_m2": float(sum(r["green_area_m2"] for r in records)),
        "retention_m3_a": float(sum(r["retention_m3_a"] for r in records)),
    }
