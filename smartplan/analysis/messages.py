"""Translated, plain-language messages shared by the Processing algorithms and the GUI (one text
in one place: the panel and the algorithm log say the same)."""

from ..i18n import Translatable


class FeedbackMessages(Translatable):
    """Plain-language, translated messages for FeedbackError codes."""

    def summary(self, res):
        """What an import changed (the panel and the algorithm log say the same)."""
        c = res["counts"]
        return self.tr(
            "{a} added, {u} updated, {w} withdrawn, {n} unchanged — {t} active contributions, "
            "{x} without location."
        ).format(
            a=c["added"],
            u=c["updated"] + c["restored"],
            w=c["withdrawn"],
            n=c["unchanged"],
            t=res["total"],
            x=res["unlocated"],
        )

    def warnings(self, res):
        """Texts of an import's warnings (the panel and the algorithm log say the same)."""
        out = []
        for w in res.get("warnings", []):
            if w == "no_category_styles":
                out.append(self.tr("The server publishes no category colours: a fallback palette is used."))
            elif isinstance(w, tuple) and w[0] == "duplicate_ids":
                d = w[1]
                if d["identical"]:
                    out.append(
                        self.tr(
                            "{n} contributions were sent twice with the same content (ids {ids}): "
                            "stored once."
                        ).format(n=len(d["identical"]), ids=", ".join(map(str, d["identical"][:10])))
                    )
                if d["renamed"]:
                    out.append(
                        self.tr(
                            "{n} contributions share an id with another one but differ (ids {ids}): each is "
                            "kept, the later ones as '<id>~2', '<id>~3' … Ask the source to fix its ids."
                        ).format(n=len(d["renamed"]), ids=", ".join(str(a) for a, _ in d["renamed"][:10]))
                    )
            elif isinstance(w, tuple) and w[0] == "assumed_crs":
                i = w[1]
                why = (
                    self.tr("the CRS of the QGIS project")
                    if i["from_project"]
                    else self.tr("the zone most German data uses")
                )
                out.append(
                    self.tr(
                        "The coordinates carry no CRS and fit both ETRS89 / UTM zones in Germany: "
                        "taken as EPSG:{epsg} ({why}). If they are EPSG:{other} (zone 33: Berlin, "
                        "Brandenburg, Mecklenburg-Vorpommern, Sachsen), they lie about 400 km off: set "
                        "the project's CRS to EPSG:{other} or give the CRS in the field mapping "
                        "('crs': 'EPSG:{other}') and import again."
                    ).format(epsg=i["epsg"], other=i["other"], why=why)
                )
        return out

    def message(self, exc):
        i = dict(exc.info)
        if "projects" in i:
            i["projects"] = ", ".join(f"{pid} ({name})" for pid, name in i["projects"][:20])
        msgs = {
            "unreachable": self.tr(
                "The server cannot be reached ({url}). Check the address, your network "
                "and the proxy settings of QGIS (Settings → Options → Network)."
            ),
            "timeout": self.tr(
                "The server sent no complete answer within {seconds:g} s ({url}; attempts: {attempts}). "
                "Large projects answer slowly: try again later; nothing was changed."
            ),
            "import_deadline": self.tr(
                "The import was stopped after its time limit of {seconds:g} s for all requests "
                "({url} was still loading). The server is very slow: try again later; nothing was "
                "changed."
            ),
            "ssl": self.tr("The secure connection to {url} failed (certificate). Check the address."),
            "http_status": self.tr("The server answered with an error (HTTP {status}) for {url}."),
            "api_error": self.tr("The server reported an error: {message}"),
            "not_json": self.tr(
                "The answer is not valid JSON ({url}): the file or server answer is broken or incomplete."
            ),
            "wrong_content_type": self.tr(
                "The address returned '{content_type}' instead of JSON ({url}): "
                "probably a web page or a login. Use the API address."
            ),
            "not_geojson": self.tr("The data is not a GeoJSON FeatureCollection."),
            "suspicious_empty": self.tr(
                "The source returned no contributions although {expected} are expected (maintenance mode or "
                "an internal project?). Nothing was changed; try again later."
            ),
            "choose_project": self.tr("The server has several projects: choose one ({projects})."),
            "unknown_project": self.tr(
                "Project '{project}' does not exist on the server. Projects: {projects}"
            ),
            "cancelled": self.tr("The import was cancelled. The previous data is unchanged."),
            "unknown_coordinates": self.tr(
                "The coordinates cannot be recognised (x {x}, y {y}): neither degrees, UTM nor Gauß-Krüger."
            ),
            "unreadable_file": self.tr("The file cannot be read: {path} {error}"),
            "unknown_layer": self.tr(
                "{path} has no layer '{layer}'. Its layers: {layers}. Give one of them as "
                "'<file>|layername=<layer>'."
            ),
            "store_unreadable": self.tr(
                "The participation GeoPackage {path} cannot be read ({error}). It may be damaged or "
                "not a SmartPlan store: choose another output file; nothing was changed."
            ),
            "store_write": self.tr(
                "{path} cannot be written ({error}). Check that the folder exists and is writable, "
                "that the disk has space and that no other program holds the file; the previous data "
                "is unchanged."
            ),
            "store_busy": self.tr(
                "{path} is in use by another program (an edit session in QGIS, a database tool, "
                "another program writing it). Save or stop editing there, or close that program, "
                "and import again; nothing was changed."
            ),
            "store_locked": self.tr(
                "Another import is writing {path} (process {pid} on {host}) and did not finish within "
                "a minute. Wait for it to finish and import again; nothing was changed."
            ),
            "bad_csv": self.tr(
                "This CSV file is not a DIPAS export: the column '{expected}' is missing (found: {found})."
            ),
            "wfs_typename": self.tr("Give the WFS feature type (typeNames=… in the address or as project)."),
            "unknown_source_type": self.tr("Unknown source type '{source_type}'."),
            "export_format": self.tr("Export format '{ext}' is not supported: use .gpkg, .geojson or .csv."),
            "bad_mapping": self.tr("The field mapping is not valid JSON: {error}"),
        }
        text = msgs.get(exc.code, str(exc))
        try:
            return text.format(**i)
        except (KeyError, ValueError, IndexError):
            return text


class RasterMessages(Translatable):
    """Plain-language, translated messages for ``io.raster.InputError`` codes (a DEM, DSM or
    depth raster that cannot be used): the algorithms and the planning table say the same."""

    def message(self, exc):
        i = exc.info
        msgs = {
            "geographic": self.tr(
                "The DEM has a geographic coordinate system ({crs}): distances and areas would be "
                "in degrees. Reproject it to a projected CRS in metres first, e.g. with "
                "'Warp (reproject)' to EPSG:25832 (ETRS89 / UTM 32N) or EPSG:25833."
            ),
            "no_crs": self.tr(
                "The DEM has no coordinate reference system. Assign its projected CRS "
                "in metres (e.g. EPSG:25832) with 'Assign projection' and try again."
            ),
            "not_metres": self.tr(
                "The DEM's CRS uses '{units}' as unit. SmartPlan needs a projected "
                "CRS in metres: reproject the DEM first."
            ),
            "rotated": self.tr(
                "The raster is rotated (its geotransform has rotation terms): its cells "
                "would be placed wrongly. Warp it to a north-up grid first ('Warp "
                "(reproject)')."
            ),
            "all_nodata": self.tr(
                "The DEM contains only NoData cells: there is nothing to analyse. "
                "Check the file and its NoData value."
            ),
            "unreadable": self.tr("The raster cannot be read by GDAL: {path} {error}"),
            "runoff_range": self.tr("The runoff coefficient raster must hold values between 0 and 1."),
            "too_big": self.tr(
                "The DEM has {cells:,} cells; this analysis needs about {need_gb:.1f} GB of memory "
                "but only {avail_gb:.1f} GB are available (limit here: about {max_cells:,} cells). "
                "Run it on the city-scale path, exact and in bounded memory: 'Depression filling, "
                "city scale' (smartplan:filltiled; 'Depression analysis', 'Heavy-rain scenario' and "
                "'Overland flow paths' switch to it by themselves), or choose a smaller extent."
            ),
        }
        text = msgs.get(exc.code, str(exc))
        try:
            return text.format(**i)
        except (KeyError, ValueError, IndexError):
            return text

    def live_too_big(self, exc):
        """The planning table's advice when the DEM is too large for live figures."""
        return self.tr(
            "The DGM is too large for live figures here ({cells:,} cells): clip it to the "
            "workshop area (e.g. one district, about 4 million cells) and start again."
        ).format(cells=int(exc.info.get("cells", 0)))


class MapTexts(Translatable):
    """The notes under a map (io.maplayout): its data and the method's limits."""

    def sources(self, layers):
        names = ", ".join(dict.fromkeys(lyr.name() for lyr in layers))
        return self.tr("Data: {layers}. Made with SmartPlan.").format(layers=names)

    def limits(self):
        return self.tr(
            "Limits: topographic screening (DWA-M 119, tier 2): sinks fill from their own catchment, "
            "no sewer hydraulics beyond the sewer deduction, no flow velocities. Not a flood hazard "
            "map; check on site."
        )
