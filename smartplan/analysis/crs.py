"""The metric CRS an analysis measures in when its input is geographic (one rule for
smartplan:feedbacklink and smartplan:emergencyroutes): the UTM zone of the data's centre —
ETRS89 / UTM (EPSG:258zz, what German authorities use: 25832 in the west, 25833 in the east)
inside Germany's extent, WGS 84 / UTM (EPSG:326zz / 327zz) elsewhere."""

# Germany's extent in degrees (with a margin): lon 5..18 E, lat 47..56 N
GERMANY_LONLAT = (5.0, 47.0, 18.0, 56.0)


def utm_epsg(lon, lat):
    """EPSG code of the UTM zone at (lon, lat) by the rule of the module docstring."""
    zone = min(60, max(1, int((lon + 180.0) // 6) + 1))
    x0, y0, x1, y1 = GERMANY_LONLAT
    if x0 <= lon <= x1 and y0 <= lat <= y1:
        return 25800 + zone
    return (32600 if lat >= 0 else 32700) + zone
