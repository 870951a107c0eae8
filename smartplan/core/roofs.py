"""Green-roof potential (Gründachpotenzial): roof faces from a DSM, slope by plane fit, suitability
classes, usable area and effect figures. numpy/scipy only, no QGIS.

Why a plane fit per face and not the mean per-cell slope: with ±10 cm DSM noise at 1 m cells the
per-cell (Horn) slope of a truly flat roof averages about 3° (about 6° at 0.5 m) and crosses the
5° class line; a least-squares plane over a 10 × 10 m face is accurate to about 0.3°.

Conventions: arrays are row-major windows of a north-up grid; inside a window x = column · cell
(east) and y = row · cell (south). ``aspect_deg`` is the compass bearing the face looks to (its
downslope direction): 0 north, 90 east, 180 south, 270 west; flat faces (< 1°) get -1.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from . import greenroof_defaults as D
from . import kernels

FLAT_ASPECT_DEG = 1.0  # faces flatter than this have no aspect


def parse_breaks(text):
    """'5,15,30,45' → (5.0, 15.0, 30.0, 45.0): four ascending class limits in degrees."""
    try:
        vals = tuple(float(v) for v in str(text).replace(";", ",").split(",") if v.strip())
    except ValueError:
        raise ValueError(f"class breaks must be numbers: {text!r}") from None
    if len(vals) != 4 or any(b <= a for a, b in zip(vals, vals[1:])) or vals[0] <= 0 or vals[-1] > 90:
        raise ValueError(f"class breaks must be four ascending angles in (0, 90]: {text!r}")
    return vals


def slope_class(slope_deg, breaks=(5.0, 15.0, 30.0, 45.0)):
    """Suitability class 1-5 (Münster): 1 for 0-5° (5° included), ..., 5 above 45°."""
    return (
        np.searchsorted(np.asarray(breaks, dtype=float), np.asarray(slope_deg, dtype=float), side="left") + 1
    )


def fit_plane(x, y, z):
    """Least-squares plane z = a·x + b·y + c. Returns (a, b, c, rmse) with rmse over N-3 degrees of
    freedom (0 with three points or fewer)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    n = x.size
    if n < 3:
        raise ValueError("a plane needs at least three points")
    mx, my, mz = x.mean(), y.mean(), z.mean()
    dx, dy, dz = x - mx, y - my, z - mz
    sxx, sxy, syy = dx @ dx, dx @ dy, dy @ dy
    sxz, syz = dx @ dz, dy @ dz
    det = sxx * syy - sxy * sxy
    if det <= 1e-12 * max(sxx * syy, 1e-300):
        raise ValueError("the points are collinear")
    a = (sxz * syy - syz * sxy) / det
    b = (syz * sxx - sxz * sxy) / det
    c = mz - a * mx - b * my
    res = dz - a * dx - b * dy
    rmse = float(np.sqrt(res @ res / (n - 3))) if n > 3 else 0.0
    return float(a), float(b), float(c), rmse


def roof_face_slope(a, b):
    """Slope (degrees, percent) and aspect (compass bearing of the downslope direction) of the
    plane z = a·x + b·y with x east and y south (window convention)."""
    g = float(np.hypot(a, b))
    slope = float(np.degrees(np.arctan(g)))
    # gradient towards north is -b; downslope direction (east, north) = (-a, b)
    aspect = float(np.degrees(np.arctan2(-a, b)) % 360.0) if slope >= FLAT_ASPECT_DEG else -1.0
    return slope, 100.0 * g, aspect


def window_size(cell):
    """Odd window (cells) for local planes: about 2 m wide, at least 3 cells."""
    return max(3, 2 * int(round(1.0 / cell)) + 1)


def local_planes(z, mask, cell, k=None):
    """Least-squares plane in a k × k window around every cell, using only cells in ``mask``.

    Returns (a, b, rmse, full): gradients a = dz/dx, b = dz/dy (NaN with fewer than 5 cells or
    collinear support), the residual RMSE and whether the whole window lies inside the mask."""
    k = k or window_size(cell)
    w = mask.astype(np.float64)
    zm = float(np.nanmean(z[mask])) if mask.any() else 0.0
    zz = np.where(mask, z - zm, 0.0)
    rows, cols = np.indices(z.shape, dtype=np.float64)
    x, y = cols * cell, rows * cell

    def mean(v):
        return ndimage.uniform_filter(v, size=k, mode="constant")

    s = mean(w)
    with np.errstate(invalid="ignore", divide="ignore"):
        mx, my, mz = mean(w * x) / s, mean(w * y) / s, mean(zz) / s
        cxx = mean(w * x * x) / s - mx * mx
        cyy = mean(w * y * y) / s - my * my
        cxy = mean(w * x * y) / s - mx * my
        cxz = mean(x * zz) / s - mx * mz
        cyz = mean(y * zz) / s - my * mz
        czz = mean(zz * zz) / s - mz * mz
        det = cxx * cyy - cxy * cxy
        a = (cxz * cyy - cyz * cxy) / det
        b = (cyz * cxx - cxz * cxy) / det
        n = s * k * k
        var = np.maximum(czz - a * cxz - b * cyz, 0.0) * n / np.maximum(n - 3, 1)
    ok = mask & (n >= 4.5) & (det > 1e-6 * cell**4)
    a = np.where(ok, a, np.nan)
    b = np.where(ok, b, np.nan)
    with np.errstate(invalid="ignore"):
        rmse = np.where(ok, np.sqrt(var), np.nan)
    full = mask & (n >= k * k - 0.5)
    return a, b, rmse, full


def segment_roof(z, mask, cell, planes=None, min_cells=None, tol=None, angle_deg=12.0, max_faces=30):
    """Split the roof cells ``mask`` of one building into planar faces by region growing.

    A seed is the most planar cell (lowest local RMSE, whole window on the roof); its face grows
    over connected cells within ``tol`` of the plane whose local normal is within ``angle_deg`` of
    the plane's normal, and the plane is refitted to the grown face (three rounds). Faces smaller
    than ``min_cells`` are not kept as faces; cells left over (ridges, superstructures, small
    parts) join the nearest face. Returns an int32 array of face numbers 1..n (0 outside)."""
    labels = np.zeros(z.shape, dtype=np.int32)
    mask = mask & np.isfinite(z)
    if not mask.any():
        return labels
    a, b, lr, full = planes if planes is not None else local_planes(z, mask, cell)
    min_cells = max(3, int(min_cells or 3))
    if tol is None:
        lrm = lr[mask & np.isfinite(lr)]
        noise = float(np.median(lrm)) if lrm.size else 0.05
        tol = max(0.15, 2.5 * noise)
    rows, cols = np.indices(z.shape, dtype=np.float64)
    x, y = cols * cell, rows * cell
    cos_tol = np.cos(np.radians(angle_deg))
    la2 = np.where(np.isfinite(a), a, 0.0)
    lb2 = np.where(np.isfinite(b), b, 0.0)
    lnorm = np.sqrt(la2 * la2 + lb2 * lb2 + 1.0)
    kern = kernels.get("grow_faces")
    if kern is not None:
        nface = kern(
            z.ravel().astype(np.float64),
            mask.ravel(),
            np.ascontiguousarray(a).ravel(),
            np.ascontiguousarray(b).ravel(),
            np.ascontiguousarray(lr).ravel(),
            full.ravel(),
            float(cell),
            int(min_cells),
            float(tol),
            float(cos_tol),
            int(max_faces),
            labels,
        )
    else:
        nface = _grow_faces(
            z, mask, a, b, lr, full, x, y, la2, lb2, lnorm, min_cells, tol, cos_tol, max_faces, labels
        )
    left = mask & (labels == 0)
    if nface and left.any():
        _, (ri, ci) = ndimage.distance_transform_edt(labels == 0, return_indices=True)
        labels[left] = labels[ri[left], ci[left]]
    return labels


def _grow_faces(z, mask, a, b, lr, full, x, y, la2, lb2, lnorm, min_cells, tol, cos_tol, max_faces, labels):
    """The region growing of :func:`segment_roof` with numpy (the fallback without numba; the
    numba kernel ``grow_faces`` implements the same rule cell by cell)."""
    seedable = mask & np.isfinite(lr)
    remaining = mask.copy()
    nface = 0
    while nface < max_faces:
        cand = remaining & seedable
        lab, n = ndimage.label(cand)
        if n == 0:
            break
        sizes = np.bincount(lab.ravel())
        sizes[0] = 0
        if sizes.max() < min_cells:
            break
        cand = (sizes >= min_cells)[lab]
        pref = cand & full
        score = np.where(pref if pref.any() else cand, lr, np.inf)
        seed = np.unravel_index(int(np.argmin(score)), z.shape)
        pa, pb = float(a[seed]), float(b[seed])
        pc = float(z[seed] - pa * x[seed] - pb * y[seed])
        comp = None
        for rnd in range(3):
            res = np.abs(z - (pa * x + pb * y + pc))
            cosang = (la2 * pa + lb2 * pb + 1.0) / (lnorm * np.sqrt(pa * pa + pb * pb + 1.0))
            ok = remaining & (res < tol) & ((cosang >= cos_tol) | ~np.isfinite(lr))
            if rnd == 2 and comp is not None:
                # last round: also take the cells on the plane next to the face whose local
                # normal is blurred by a ridge or an edge (one cell deep)
                ok |= remaining & (res < tol) & ndimage.binary_dilation(comp)
            lab, _ = ndimage.label(ok)
            lid = lab[seed]
            if lid == 0:
                comp = None
                break
            comp = lab == lid
            if comp.sum() < 3:
                break
            try:
                pa, pb, pc, _ = fit_plane(x[comp], y[comp], z[comp])
            except ValueError:
                break
        if comp is None or int(comp.sum()) < min_cells:
            seedable[seed] = False
            if comp is not None:
                seedable &= ~comp
            continue
        nface += 1
        labels[comp] = nface
        remaining &= ~comp
        seedable &= ~comp
    return nface


@dataclass
class FaceResult:
    cells: int
    slope_deg: float
    slope_pct: float
    aspect_deg: float
    rmse_m: float
    occupied_cells: int
    usable_cells: int  # free of superstructures and inside a MIN_WIDTH square (before NET_FACTOR)
    wide_enough: bool
    fitted: bool  # False: too few DSM cells for a plane (slope from the fallback)
    plane: tuple = field(default=(np.nan, np.nan, np.nan))


def analyse_face(
    z,
    face,
    cell,
    superstructure_m=D.SUPERSTRUCTURE_M,
    min_width_m=D.MIN_WIDTH_M,
    fallback_slope_deg=None,
    tol=None,
):
    """Plane fit, superstructures and usable cells of one roof face (boolean mask ``face``).

    The plane is fitted robustly: fit, drop cells further than ``tol`` (default: the larger of
    the superstructure threshold and 3 × RMSE) from it, fit again (twice). Cells more than
    ``superstructure_m`` above or below the final plane are occupied (chimneys, dormers, HVAC,
    light wells). Usable cells are the free cells covered by a square of ``min_width_m`` lying
    entirely on free cells (morphological opening), so eaves strips and slivers drop out."""
    face = face & np.isfinite(z)
    n = int(face.sum())
    rows, cols = np.nonzero(face)
    x, y, zz = cols * cell, rows * cell, z[rows, cols].astype(np.float64)
    fitted = n >= 6
    if fitted:
        try:
            a, b, c, rmse = fit_plane(x, y, zz)
            keep = np.ones(n, dtype=bool)
            for _ in range(2):
                res = zz - (a * x + b * y + c)
                lim = tol if tol is not None else max(superstructure_m, 3.0 * rmse)
                new_keep = np.abs(res) <= lim
                if new_keep.sum() < 6 or np.array_equal(new_keep, keep):
                    break
                keep = new_keep
                a, b, c, rmse = fit_plane(x[keep], y[keep], zz[keep])
        except ValueError:
            fitted = False
    if not fitted:
        if fallback_slope_deg is None or not np.isfinite(fallback_slope_deg):
            return FaceResult(n, np.nan, np.nan, -1.0, np.nan, 0, 0, False, False)
        s = float(fallback_slope_deg)
        occ = np.zeros(n, dtype=bool)
        slope, pct, aspect, rmse, plane = s, 100 * np.tan(np.radians(s)), -1.0, np.nan, (np.nan,) * 3
    else:
        res = zz - (a * x + b * y + c)
        occ = np.abs(res) > superstructure_m
        if (~occ).sum() >= 6 and occ.any():
            a, b, c, rmse = fit_plane(x[~occ], y[~occ], zz[~occ])
        slope, pct, aspect = roof_face_slope(a, b)
        plane = (a, b, c)
    if n == 0:
        return FaceResult(0, np.nan, np.nan, -1.0, np.nan, 0, 0, False, fitted)
    r0, c0 = rows.min(), cols.min()
    free = np.zeros((rows.max() - r0 + 1, cols.max() - c0 + 1), dtype=bool)
    free[rows[~occ] - r0, cols[~occ] - c0] = True
    w = max(1, int(round(min_width_m / cell)))
    opened = ndimage.binary_opening(free, structure=np.ones((w, w), dtype=bool)) if w > 1 else free
    usable = int(opened.sum())
    return FaceResult(n, slope, pct, aspect, float(rmse), int(occ.sum()), usable, usable > 0, fitted, plane)


def stale_share(z, ids, cell, radius_m=2.5, step_m=D.STALE_HEIGHT_STEP_M):
    """The CSE Bristol transect test on the raster, for every building of a tile at once: for each
    boundary cell of a footprint, the nearest ground cell (no building, with data) within
    ``radius_m`` is its transect's outside end; a height step below ``step_m`` is a bad transect.
    Returns (bad, tested): per building index i (ids value i + 1) the number of bad and of tested
    boundary cells."""
    nb = int(ids.max()) if ids.size else 0
    valid = np.isfinite(z)
    ground = (ids == 0) & valid
    if nb == 0 or not ground.any():
        return np.zeros(nb, np.int64), np.zeros(nb, np.int64)
    pad = np.pad(ids, 1, mode="edge")
    edge = (
        (ids > 0)
        & valid
        & (
            (pad[1:-1, 2:] != ids)
            | (pad[1:-1, :-2] != ids)
            | (pad[2:, 1:-1] != ids)
            | (pad[:-2, 1:-1] != ids)
        )
    )
    dist, (ri, ci) = ndimage.distance_transform_edt(~ground, sampling=cell, return_indices=True)
    er, ec = np.nonzero(edge & (dist <= radius_m))
    bad = (z[er, ec] - z[ri[er, ec], ci[er, ec]]) < step_m
    who = ids[er, ec] - 1
    return (np.bincount(who[bad], minlength=nb)[:nb], np.bincount(who, minlength=nb)[:nb])


def is_stale(
    bad, tested, median_ndsm=None, bad_share=D.STALE_BAD_SHARE, min_height_m=D.MIN_BUILDING_HEIGHT_M
):
    """Does the DSM show no building where the footprint is (building newer than the flight)?
    With an nDSM: its median inside the footprint is below ``min_height_m``. Without: more than
    ``bad_share`` of the transects are bad (see :func:`stale_share`). None: cannot be tested."""
    if median_ndsm is not None and np.isfinite(median_ndsm):
        return bool(median_ndsm < min_height_m)
    if tested == 0:
        return None
    return bool(bad / tested > bad_share)


# ------------------------------------------------------------------------------ effects
BUILDUPS = {
    b[0]: {"key": b[0], "depth_cm": b[1], "kind": b[2], "retention": b[3], "weight": b[4]} for b in D.BUILDUPS
}


def coefficients(overrides=None):
    """The effect coefficients: defaults updated by a {key: value} table (unknown keys refused)."""
    co = dict(D.COEFFICIENTS)
    for k, v in (overrides or {}).items():
        if k not in co:
            raise KeyError(k)
        co[k] = float(v)
    return co


def buildup_for_class(buildup_key, cls):
    """Build-up used on a face of class ``cls``: intensive build-ups (>= 20 cm) only on class 1
    (0-5°); steeper faces get the default extensive build-up; class 5 gets none."""
    if cls >= 5:
        return None
    b = BUILDUPS[buildup_key]
    if b["kind"] != "extensive" and cls > 1:
        return BUILDUPS[D.DEFAULT_BUILDUP]
    return b


def peak_coefficient(buildup, slope_pct, co):
    """DIN 1986-100 peak runoff coefficient C_s of a green roof."""
    if slope_pct > 5.0:
        return co["cs_extensive_sloped"]
    if buildup["kind"] == "intensive":
        return co["cs_intensive"]
    return co["cs_extensive_thick"] if buildup["depth_cm"] >= 10 else co["cs_extensive_thin"]


EFFECT_KEYS = (
    "green_area_m2",
    "retention_m3_a",
    "sewer_saved_m3_a",
    "peak_reduction_ls",
    "cooling_kwh_a",
    "co2_kg_a",
    "dust_g_a",
    "fee_saving_eur_a",
)


def face_effects(
    area_m2,
    slope_pct,
    cls,
    buildup_key,
    co,
    precipitation_mm,
    design_rain_ls_ha,
    fee_eur_m2=0.0,
    fee_reduction=0.0,
):
    """Effect figures of greening ``area_m2`` (net plan area) of one face (methods A7):

    V_ret = A·P·ret, V_saved = A·P·(ψ_hard − C_a) with C_a = 1 − ret, ΔQ = (C_s,hard − C_s)·r·A/10⁴,
    cooling = V_ret·680 kWh/m³ (upper bound), CO₂ = A·0.59 kg, dust = A·9.8 g, fee = A·g_N·f_red."""
    b = buildup_for_class(buildup_key, cls)
    out = dict.fromkeys(EFFECT_KEYS, 0.0)
    out["buildup"] = None
    if b is None or area_m2 <= 0:
        return out
    p = precipitation_mm / 1000.0
    ret = co[f"retention_{b['key']}"]
    v_ret = area_m2 * p * ret
    out.update(
        buildup=b["key"],
        green_area_m2=area_m2,
        retention_m3_a=v_ret,
        sewer_saved_m3_a=area_m2 * p * max(0.0, co["psi_hard"] - (1.0 - ret)),
        peak_reduction_ls=max(0.0, co["cs_hard"] - peak_coefficient(b, slope_pct, co))
        * design_rain_ls_ha
        * area_m2
        / 10000.0,
        cooling_kwh_a=v_ret * co["cooling_kwh_m3"],
        co2_kg_a=area_m2 * co["co2_kg_m2a"],
        dust_g_a=area_m2 * co["dust_g_m2a"],
        fee_saving_eur_a=area_m2 * fee_eur_m2 * fee_reduction,
    )
    return out


def building_summary(faces):
    """Per-building figures from its faces (dicts with class, area_m2, usable_m2 and effect keys):
    usable (net) area per class 1-4, green area (their sum), dominant class (largest usable area,
    the better class on ties; else the class of the largest face; 0 when the roof has no face),
    intensive-capable area (class 1), summed effects and the saturated weight range of the
    build-ups used."""
    out = {f"area_c{c}_m2": 0.0 for c in range(1, 5)}
    out.update(dict.fromkeys(EFFECT_KEYS, 0.0))
    weights = []
    for f in faces:
        if int(f["class"]) <= 4:
            out[f"area_c{int(f['class'])}_m2"] += f["usable_m2"]
        for k in EFFECT_KEYS:
            out[k] += f.get(k, 0.0)
        if f.get("buildup"):
            weights.append(BUILDUPS[f["buildup"]]["weight"])
    areas = [out[f"area_c{c}_m2"] for c in range(1, 5)]
    gross = [sum(f["area_m2"] for f in faces if int(f["class"]) == c) for c in range(1, 6)]
    if any(a > 0 for a in areas):
        out["dominant_class"] = 1 + int(np.argmax(areas))
    elif faces:
        out["dominant_class"] = 1 + int(np.argmax(gross))
    else:
        out["dominant_class"] = 0
    out["intensive_m2"] = out["area_c1_m2"]
    out["weight_min_kg_m2"] = min((w[0] for w in weights), default=None)
    out["weight_max_kg_m2"] = max((w[1] for w in weights), default=None)
    return out


@dataclass
class RoofParams:
    breaks: tuple = (5.0, 15.0, 30.0, 45.0)
    min_face_area_m2: float = D.MIN_FACE_AREA_M2
    min_width_m: float = D.MIN_WIDTH_M
    net_factor: float = D.NET_FACTOR
    superstructure_m: float = D.SUPERSTRUCTURE_M
    min_height_m: float = D.MIN_BUILDING_HEIGHT_M
    ndvi_green: float = D.NDVI_GREEN


def analyse_tile(
    dsm,
    ids,
    cell,
    params=None,
    ndsm=None,
    ndvi=None,
    face_ids=None,
    face_building=None,
    fallback_slopes=None,
    face_offset=0,
    cancelled=None,
):
    """Roof faces and per-building checks for the buildings rasterised in ``ids`` (window of the
    DSM: 0 = no building, i + 1 = building i; NaN in ``dsm`` = NoData).

    Faces come from ``face_ids`` (LoD2 faces rasterised: j + 1 = face j of building
    ``face_building[j]``) or are segmented from the DSM. Returns
    ``(labels, faces, buildings)``: a raster of face numbers (``face_offset`` + 1 ...; dropped
    faces 0), a list of face dicts and {building index: dict of checks}."""
    params = params or RoofParams()
    labels = np.zeros(ids.shape, dtype=np.int32)
    faces, buildings = [], {}
    min_cells = max(3, int(np.ceil(params.min_face_area_m2 / (cell * cell) - 1e-9)))
    valid = np.isfinite(dsm)
    roof_all = (ids > 0) & valid
    if ndsm is not None:
        roof_all &= np.isfinite(ndsm) & (ndsm >= params.min_height_m)
    planes = local_planes(dsm, roof_all, cell) if face_ids is None else None
    nface = face_offset
    margin = 1
    bad, tested = stale_share(dsm, ids, cell)
    for i, sl in enumerate(ndimage.find_objects(ids)):
        if sl is None:
            continue
        if cancelled is not None and cancelled():
            raise InterruptedError
        r0, r1 = max(0, sl[0].start - margin), min(ids.shape[0], sl[0].stop + margin)
        c0, c1 = max(0, sl[1].start - margin), min(ids.shape[1], sl[1].stop + margin)
        win = (slice(r0, r1), slice(c0, c1))
        idw, zw = ids[win], dsm[win]
        foot = idw == i + 1
        roof = roof_all[win] & foot
        info = {
            "cells": int(foot.sum()),
            "dsm_cells": int((foot & valid[win]).sum()),
            "roof_cells": int(roof.sum()),
        }
        med = None
        if ndsm is not None:
            h = ndsm[win][foot]
            h = h[np.isfinite(h)]
            med = float(np.median(h)) if h.size else None
        info["stale"] = is_stale(bad[i], tested[i], med, min_height_m=params.min_height_m)
        if ndvi is not None:
            green = foot & (ndvi[win] > params.ndvi_green)
            info["green_m2"] = float(green.sum() * cell * cell)
        buildings[i] = info
        if face_ids is None:
            fl = segment_roof(zw, roof, cell, planes=tuple(p[win] for p in planes), min_cells=min_cells)
            parts = [(fl == k, None) for k in range(1, int(fl.max()) + 1)]
        else:
            fw = face_ids[win]
            js = np.unique(fw[foot & (fw > 0)])
            parts = [
                ((fw == j) & foot & (roof | ~valid[win]), int(j) - 1)
                for j in js
                if face_building is None or face_building[int(j) - 1] == i
            ]
        for fmask, j in parts:
            fmask = fmask & foot
            ncells = int(fmask.sum())
            if ncells * cell * cell < params.min_face_area_m2:
                continue
            fb = None if (j is None or fallback_slopes is None) else fallback_slopes[j]
            fr = analyse_face(zw, fmask, cell, params.superstructure_m, params.min_width_m, fb)
            if not fr.wide_enough or not np.isfinite(fr.slope_deg):
                continue
            nface += 1
            labels[win][fmask] = nface
            cls = int(slope_class(fr.slope_deg, params.breaks))
            area = ncells * cell * cell
            usable = 0.0 if cls >= 5 else fr.usable_cells * cell * cell * params.net_factor
            faces.append(
                {
                    "face": nface,
                    "building": i,
                    "lod2_face": j,
                    "cells": ncells,
                    "slope_deg": fr.slope_deg,
                    "slope_pct": fr.slope_pct,
                    "aspect_deg": fr.aspect_deg,
                    "rmse_m": fr.rmse_m,
                    "class": cls,
                    "area_m2": area,
                    "surface_m2": area / np.cos(np.radians(fr.slope_deg)),
                    "occupied_m2": fr.occupied_cells * cell * cell,
                    "usable_m2": usable,
                    "fitted": fr.fitted,
                }
            )
    return labels, faces, buildings
