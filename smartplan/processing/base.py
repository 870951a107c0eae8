"""Shared parts of SmartPlan's Processing algorithms: translation, help, terrain preparation,
styled outputs and clear, translated errors."""

import gc
import json
import os
import traceback

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QIcon

from .. import paths
from ..analysis.messages import RasterMessages
from ..analysis.terrain import (
    PARAM_BUILDINGS,
    PARAM_DEM,
    PARAM_HEIGHT_FIELD,
    PARAM_NODATA_DRAINS,
    PARAM_RAISE,
    TerrainSettings,
    prepare_terrain,
)
from ..core import defaults
from ..core.accel import accelerator_status, has_numba
from ..core.geometry import GeometryEngineMissing
from ..i18n import Translatable, number
from ..io.files import Staging, path_clashes, split_layer_spec
from ..io.footprints_qgis import SKIP_VALIDITY, read_footprints
from ..io.metadata import write_layer_metadata
from ..io.raster import InputError, check_memory, dem_grid
from .signals import cancel_on_signals

# the analysis layer's schema types (``analysis.*`` output fields) as QGIS field types
QVARIANT_OF = {
    int: QVariant.Int,
    "int64": QVariant.LongLong,
    float: QVariant.Double,
    str: QVariant.String,
    bool: QVariant.Bool,
}

# keep post-processors alive until QGIS has used them (they are called after the run)
_POST_PROCESSORS = []


class StyleLoader(QgsProcessingLayerPostProcessorInterface):
    """Loads a shipped QML style onto an output layer when QGIS adds it to the project."""

    def __init__(self, qml, name=None):
        super().__init__()
        self.qml = qml
        self.name = name

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API)
        if layer is None:
            return
        if os.path.exists(self.qml):
            layer.loadNamedStyle(self.qml)
        if self.name:
            layer.setName(self.name)
        layer.triggerRepaint()


class CancelledError(Exception):
    pass


LABEL_FIELDS = ("name", "bezeichnung", "kind", "type")


def feature_label(feat, fields=LABEL_FIELDS):
    """What a report calls a feature: its first non-empty name-like field, else '#<id>'."""
    names = feat.fields().names()
    for n in fields:
        if n in names and feat[n] not in (None, "") and str(feat[n]) != "NULL":
            return str(feat[n])
    return f"#{feat.id()}"


class SmartPlanAlgorithm(Translatable, QgsProcessingAlgorithm):
    """Base class: subclasses define ``_name``, ``_group`` and implement the usual methods."""

    _name = ""
    _icon = "smartplan"
    _group = "hydrology"

    def name(self):
        return self._name

    def groupId(self):  # noqa: N802
        return self._group

    def group(self):
        return {
            "hydrology": self.tr("Heavy rain (Starkregen)"),
            "greenroofs": self.tr("Green roofs (Gründächer)"),
            "participation": self.tr("Citizen participation (Bürgerbeteiligung)"),
            "setup": self.tr("Setup"),
        }[self._group]

    def icon(self):
        return QIcon(paths.icon_path(self._icon))

    def createInstance(self):  # noqa: N802
        return type(self)()

    def helpUrl(self):  # noqa: N802
        return paths.metadata().get("homepage", "")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Runs ``_run``. Output files are written into a hidden staging folder beside their final
        place and moved there only when the whole run succeeded (``io.files.Staging``). When the
        run is cancelled (``self.check``, also by SIGINT/SIGTERM in a headless run) or fails,
        everything it started to write is removed: no half-written outputs, and a killed run
        leaves only the hidden folder, which the next run removes."""
        self._styled = []
        self._recorded = []
        self._new_files = []
        self._staging = Staging()
        signals = []
        try:
            with cancel_on_signals(feedback) as signals:
                self.refuse_path_clashes(parameters, context)
                if any(d.type() == "raster" for d in self.parameterDefinitions()):
                    self.log_accelerator(feedback)
                results = self._run(parameters, context, feedback)
                self.check(feedback)
                return self._commit_outputs(results)
        except CancelledError as exc:
            self._remove_new_files(exc)
            if signals:
                raise QgsProcessingException(
                    self.tr("Stopped by {signal}: no outputs were written.").format(signal=signals[0])
                ) from None
            raise QgsProcessingException(self.tr("Cancelled: no outputs were written.")) from None
        except GeometryEngineMissing as exc:
            self._remove_new_files(exc)
            raise QgsProcessingException(
                self.tr(
                    "This algorithm needs the Python package shapely, which this QGIS does not "
                    "have. Debian/Ubuntu: sudo apt install python3-shapely; Windows (OSGeo4W "
                    "Setup): package python3-shapely; then restart QGIS."
                )
            ) from None
        except (RuntimeError, OSError, MemoryError) as exc:
            # GDAL/OGR errors (a truncated GeoTIFF, an output folder that cannot be written, a full
            # disk, a file held by another program) and out of memory: plain words, no traceback
            self._remove_new_files(exc)
            raise QgsProcessingException(self.io_error(exc)) from None
        except BaseException as exc:  # also KeyboardInterrupt (a second Ctrl+C)
            self._remove_new_files(exc)
            raise

    def _commit_outputs(self, results):
        """Move the staged outputs to their final names; the results name the final files."""
        gc.collect()  # feature sinks of the run close their files (Windows cannot move open files)
        self._staging.commit()
        final = self._staging.final
        self._styled = [(final(d), st) for d, st in self._styled]
        self._recorded = [(final(d), items) for d, items in self._recorded]
        return {
            k: ([final(x) for x in v] if isinstance(v, list) else final(v))
            for k, v in (results or {}).items()
        }

    def final_output(self, path):
        """The final path of an output this run writes (``path`` may be its staged copy)."""
        staging = getattr(self, "_staging", None)
        return staging.final(path) if staging is not None else path

    def io_error(self, exc):
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[-1][:300].rstrip(".")
        if isinstance(exc, MemoryError):
            return self.tr(
                "Not enough memory for this run. Close other programs or choose a smaller "
                "extent; for whole cities use 'Depression filling, city scale' "
                "(smartplan:filltiled). No outputs were written."
            )
        text = self.tr(
            "A file could not be read or written: {detail}. Check that the input files are "
            "complete (not truncated), that the output folder exists and is writable, that "
            "the disk has space and that no other program holds the files. No outputs were "
            "written."
        ).format(detail=detail)
        # newer GDAL names the file only in an earlier message: name the files this run reads
        files = [f for f in getattr(self, "_input_files", []) if f not in detail]
        if files and not any(f in detail for f in getattr(self, "_input_files", [])):
            text += " " + self.tr("Files this run reads: {files}.").format(files=", ".join(files))
        return text

    def log_accelerator(self, feedback):
        """Say in the log whether this run is compiled (numba) and, if not, how to make it so."""
        st = accelerator_status()
        if st["active"]:
            feedback.pushInfo(
                self.tr("Accelerator: numba {v} active, the kernels run compiled.").format(v=st["version"])
            )
        else:
            feedback.pushInfo(
                self.tr(
                    "Accelerator: not active, the kernels run on numpy/scipy (same results, about 5-27 "
                    "times slower on large DEMs). To enable it: SmartPlan panel → 'Install accelerator', "
                    "or run 'Install accelerator (numba)' (qgis_process run "
                    "smartplan:installaccelerator)."
                )
            )

    # ---------------------------------------------------------------- output bookkeeping
    _INPUT_TYPES = ("raster", "source", "vector", "file", "multilayer", "mesh", "layer", "pointcloud")

    def refuse_path_clashes(self, parameters, context):
        """Refuse, before anything is written, an output that is an input (``FILLED=<the DEM>``
        would overwrite it) or two outputs on one file."""

        def spec(value):
            if isinstance(value, QgsProcessingOutputLayerDefinition):
                value = value.sink.staticValue()
            elif isinstance(value, QgsProcessingFeatureSourceDefinition):
                value = value.source.staticValue()
            if isinstance(value, QgsMapLayer):
                return value.source()
            if not isinstance(value, str) or not value:
                return None
            lyr = QgsProcessingUtils.mapLayerFromString(value, context, False)
            return lyr.source() if lyr is not None else value

        inputs, outputs = {}, {}
        for d in self.parameterDefinitions():
            value = parameters.get(d.name())
            if d.isDestination():
                outputs[d.name()] = spec(value)
            elif d.type() in self._INPUT_TYPES:
                values = value if isinstance(value, (list, tuple)) else [value]
                for i, v in enumerate(values):
                    inputs[f"{d.name()}#{i}"] = spec(v)
        self._input_files = sorted(
            {os.path.basename(split_layer_spec(v)[0]) for v in inputs.values() if split_layer_spec(v)[0]}
        )
        clashes = path_clashes(inputs, outputs)
        if clashes:
            out, other, path = clashes[0]
            other = other.split("#")[0]
            kind = (
                self.tr("another output ({name})") if other in outputs else self.tr("the input {name}")
            ).format(name=other)
            self.fail(
                self.tr(
                    "The output {out} would be written to {path}, which is {kind}: it would be "
                    "overwritten. Choose another file name for {out}."
                ).format(out=out, path=path, kind=kind)
            )

    _OUTPUT_EXT = (".gpkg", ".tif", ".tiff", ".shp", ".geojson", ".json", ".html", ".csv", ".fgb")

    def _register(self, path):
        """Remember ``path`` when this run is about to create it (it does not exist yet)."""
        if isinstance(path, str) and path.lower().endswith(self._OUTPUT_EXT) and not os.path.exists(path):
            if path not in self._new_files:
                self._new_files.append(path)
        return path

    def _remove_new_files(self, exc=None):
        if exc is not None and exc.__traceback__ is not None:
            # drop the locals of the failed frames: open feature sinks close their files
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
        staging = getattr(self, "_staging", None)
        if staging is not None:
            staging.rollback()
        for path in getattr(self, "_new_files", []):
            base = os.path.splitext(path)[0]
            for f in (
                path,
                base + ".qml",
                path + ".aux.xml",
                base + ".shx",
                base + ".dbf",
                base + ".prj",
                path + "-wal",
                path + "-shm",
                path + "-journal",
            ):
                try:
                    if os.path.exists(f):
                        os.remove(f)
                except OSError:
                    pass

    # outputs written under a staging folder first (a plain file path the user chose)
    _STAGED_EXT = (
        ".gpkg",
        ".tif",
        ".tiff",
        ".geojson",
        ".json",
        ".html",
        ".csv",
        ".fgb",
        ".pdf",
        ".png",
        ".vrt",
    )

    # outputs a run reads before it writes them (a store that an import merges into) write
    # themselves atomically and are not staged
    MERGED_OUTPUTS = ()

    def _stageable(self, parameters, name, path):
        if name in self.MERGED_OUTPUTS:
            return False
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.staticValue()
        return (
            isinstance(value, str)
            and isinstance(path, str)
            and value not in ("", "TEMPORARY_OUTPUT")
            and "|" not in path
            and ":" not in os.path.splitdrive(path)[1]
            and not value.startswith(("memory:", "ogr:", "postgres", "spatialite:"))
            and path.lower().endswith(self._STAGED_EXT)
        )

    def parameterAsSink(self, parameters, name, context, *args):  # noqa: N802 (QGIS API)
        # registers the final file for loading in the project and returns its staged copy
        before = dict(context.layersToLoadOnCompletion())
        path = self.parameterAsOutputLayer(parameters, name, context)
        if self.final_output(path) != path:  # staged: QGIS writes the copy (same file name)
            return super().parameterAsSink({**parameters, name: path}, name, context, *args)
        # not staged (a temporary output is a memory layer): QGIS registers the sink's own layer;
        # the "memory:…" text registered above cannot be loaded ("layers were not correctly
        # generated" although they were)
        context.setLayersToLoadOnCompletion(before)
        return super().parameterAsSink(parameters, name, context, *args)

    def parameterAsOutputLayer(self, parameters, name, context):  # noqa: N802 (QGIS API)
        path = super().parameterAsOutputLayer(parameters, name, context)
        if not hasattr(self, "_new_files"):
            return path
        if getattr(self, "_staging", None) is not None and self._stageable(parameters, name, path):
            return self._staging.path(path)
        return self._register(path)

    def parameterAsFileOutput(self, parameters, name, context):  # noqa: N802 (QGIS API)
        path = super().parameterAsFileOutput(parameters, name, context)
        if not hasattr(self, "_new_files"):
            return path
        if getattr(self, "_staging", None) is not None and self._stageable(parameters, name, path):
            return self._staging.path(path)
        return self._register(path)

    def _run(self, parameters, context, feedback):
        raise NotImplementedError

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        for dest, style in getattr(self, "_styled", []):
            if dest:
                self.save_style_in_gpkg(dest, style)
        for dest, items in getattr(self, "_recorded", []):
            if dest:
                write_layer_metadata(dest, items)
        return {}

    def record(self, dest, items):
        """Write ``items`` (e.g. ``smartplan_parameters``) into the GeoPackage layer ``dest``'s
        metadata once the run is done (``io.metadata``)."""
        if not hasattr(self, "_recorded"):
            self._recorded = []
        self._recorded.append((dest, dict(items)))

    # ---------------------------------------------------------------- feedback helpers
    def check(self, feedback):
        if feedback is not None and feedback.isCanceled():
            raise CancelledError()

    def fail(self, message):
        raise QgsProcessingException(message)

    def input_error(self, exc):
        """An ``InputError`` as a clear, actionable message (``analysis.messages.RasterMessages``,
        the texts the planning table shows too)."""
        return QgsProcessingException(RasterMessages().message(exc))

    def help_values(self):
        """The defaults the help texts show (``core.defaults.help_values``), in the UI language."""
        return defaults.help_values(number)

    # ---------------------------------------------------------------- shared parameters
    def add_terrain_parameters(self, dem_optional=False):
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "DEM", self.tr("Digital terrain model (DGM), projected CRS in metres"), optional=dem_optional
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUILDINGS",
                self.tr("Buildings (raised as obstacles)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "BUILDING_RAISE",
                self.tr("Raise buildings by [m]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.BUILDING_RAISE_M,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "BUILDING_HEIGHT_FIELD",
                self.tr("Building height field (overrides the raise per building)"),
                parentLayerParameterName="BUILDINGS",
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "NODATA_DRAINS", self.tr("Enclosed NoData holes drain (otherwise they are walls)"), True
            )
        )

    SINK_FILTER_PARAMS = (
        ("min_depth", "MIN_DEPTH"),
        ("min_area", "MIN_AREA"),
        ("min_volume", "MIN_VOLUME"),
        ("min_catchment", "MIN_CATCHMENT"),
    )

    def add_sink_filter_parameters(self, with_catchment=True):
        """The sink filters (SENSARE Berlin defaults: ``core.defaults.SINK_FILTER``)."""
        labels = {
            "min_depth": self.tr("Minimum max. depth [m]"),
            "min_area": self.tr("Minimum area [m²]"),
            "min_volume": self.tr("Minimum volume [m³]"),
            "min_catchment": self.tr("Minimum local catchment [m²]"),
        }
        for key, name in self.SINK_FILTER_PARAMS:
            if key == "min_catchment" and not with_catchment:
                continue
            self.addParameter(
                QgsProcessingParameterNumber(
                    name,
                    labels[key],
                    QgsProcessingParameterNumber.Type.Double,
                    defaults.SINK_FILTER[key],
                    minValue=0.0,
                )
            )

    def sink_filters(self, parameters, context, with_catchment=True):
        return {
            key: self.parameterAsDouble(parameters, name, context)
            for key, name in self.SINK_FILTER_PARAMS
            if with_catchment or key != "min_catchment"
        }

    def add_max_level_parameter(self):
        self.addParameter(
            QgsProcessingParameterNumber(
                "MAX_LEVEL",
                self.tr("Deepest nesting level reported (1 = outermost sinks only)"),
                QgsProcessingParameterNumber.Type.Integer,
                defaults.MAX_NESTING_LEVEL,
                minValue=1,
                maxValue=100,
            )
        )

    def add_tile_size_parameter(self):
        self.addParameter(
            QgsProcessingParameterNumber(
                "TILE_SIZE",
                self.tr(
                    "City-scale path: tile size [cells per side] (0: only when the DEM "
                    "does not fit in memory)"
                ),
                QgsProcessingParameterNumber.Type.Integer,
                0,
                minValue=0,
                optional=True,
            )
        )

    def fits_in_memory(self, parameters, context, bytes_per_cell):
        """Whether the in-memory path has the memory for this DEM (``io.raster.check_memory``).
        A DEM that cannot be read says so on the in-memory path."""
        layer = self.parameterAsRasterLayer(parameters, PARAM_DEM, context)
        if layer is None:
            return True
        try:
            grid = dem_grid(layer.source())
            check_memory(grid.nrows * grid.ncols, bytes_per_cell[0 if has_numba() else 1])
        except InputError as exc:
            return exc.code != "too_big"
        return True

    def terrain_settings(self, parameters, context):
        """The terrain settings of this run (``analysis.terrain.TerrainSettings``)."""
        return TerrainSettings(
            building_raise_m=self.parameterAsDouble(parameters, PARAM_RAISE, context),
            height_field=self.parameterAsString(parameters, PARAM_HEIGHT_FIELD, context) or "",
            nodata_drains=self.parameterAsBool(parameters, PARAM_NODATA_DRAINS, context),
        )

    def terrain_footprints(self, parameters, context, feedback, dem_crs, grid, settings):
        """The BUILDINGS of this run as ``analysis.terrain.Footprint``s in ``dem_crs`` (within
        ``grid``'s extent; None: all), or None without buildings. A layer without a CRS is taken
        to be in the DEM's CRS, with a warning."""
        source = self.parameterAsSource(parameters, PARAM_BUILDINGS, context)
        if source is None:
            return None
        footprints, assumed = read_footprints(
            source,
            dem_crs,
            grid,
            context.transformContext(),
            settings.height_field,
            check=lambda: self.check(feedback),
        )
        if assumed:
            feedback.pushWarning(
                self.tr(
                    "The buildings layer has no coordinate reference system: it is taken to be "
                    "in the DEM's CRS ({crs}). Assign its CRS if the buildings are misplaced."
                ).format(crs=dem_crs.authid())
            )
        return footprints

    def load_terrain(self, parameters, context, feedback, bytes_per_cell):
        """Read the DEM, check it, and raise buildings (``analysis.terrain.prepare_terrain``).
        Returns an ``analysis.terrain.PreparedTerrain``.

        ``bytes_per_cell``: (with numba, without numba) peak memory per cell of the algorithm,
        checked against the available memory before anything is read."""
        bytes_per_cell = bytes_per_cell[0 if has_numba() else 1]
        layer = self.parameterAsRasterLayer(parameters, PARAM_DEM, context)
        if layer is None:
            self.fail(self.tr("No DEM was given."))
        if layer.providerType() != "gdal":
            self.fail(
                self.tr(
                    "The DEM must be a file-based raster (GDAL); '{p}' layers are not "
                    "supported. Save it as GeoTIFF first."
                ).format(p=layer.providerType())
            )
        settings = self.terrain_settings(parameters, context)
        try:
            grid = dem_grid(layer.source())
            footprints = self.terrain_footprints(parameters, context, feedback, layer.crs(), grid, settings)
            terrain = prepare_terrain(layer.source(), footprints or [], settings, bytes_per_cell)
        except InputError as exc:
            raise self.input_error(exc) from exc
        self.warn_terrain_notes(feedback, terrain.notes)
        grid = terrain.grid
        feedback.pushInfo(
            self.tr("DEM: {c} × {r} cells of {dx:g} × {dy:g} m, {v:,} with data").format(
                c=grid.ncols, r=grid.nrows, dx=grid.dx, dy=grid.dy, v=int(terrain.valid.sum())
            )
        )
        if footprints is not None:
            feedback.pushInfo(
                self.tr("{n} buildings raised as obstacles ({c:,} cells)").format(
                    n=terrain.n_buildings, c=terrain.raised_cells
                )
            )
        terrain.dem_layer = layer
        return terrain

    def warn_terrain_notes(self, feedback, notes):
        """Warnings about how the DEM was read (both paths: whole raster and city scale)."""
        for code, info in notes:
            if code == "undeclared_nodata":
                feedback.pushWarning(
                    self.tr(
                        "The DEM declares no NoData value, but {n:,} cells hold {v:g}, more than 1000 m "
                        "below all other cells: they are taken as NoData. Declare it to be sure (Raster → "
                        "Conversion → Translate with 'Assign a specified NoData value', or gdal_translate "
                        "-a_nodata {v:g})."
                    ).format(n=info["cells"], v=info["value"])
                )
            elif code == "nesting_skipped":
                feedback.pushWarning(
                    self.tr(
                        "{n:,} sinks across tiles are too large to be nested on this machine (e.g. sink "
                        "{ids}): their nested sinks are missing, and the ids of nested sinks can differ "
                        "from a run in one piece. Use a larger TILE_SIZE to nest them."
                    ).format(n=info["sinks"], ids=", ".join(str(i) for i in info["ids"]))
                )

    # ---------------------------------------------------------------- outputs
    def style_output(self, context, dest_id, style_name, display_name=None):
        """Load ``resources/styles/<style_name>.qml`` when the output is added to the project."""
        qml = paths.style(style_name)
        dest_id = self.final_output(dest_id)
        if context.willLoadLayerOnCompletion(dest_id):
            pp = StyleLoader(qml, display_name)
            _POST_PROCESSORS.append(pp)
            details = context.layerToLoadOnCompletionDetails(dest_id)
            details.setPostProcessor(pp)
            if display_name:
                details.name = display_name

    def save_style_in_gpkg(self, dest_id, style_name):
        """Store the style as the default style inside a GeoPackage output, so the layer opens
        styled anywhere (also for outputs written by qgis_process)."""
        if not isinstance(dest_id, str) or ".gpkg" not in dest_id.lower():
            return
        lyr = QgsVectorLayer(dest_id, "out", "ogr")
        if not lyr.isValid():
            return
        lyr.loadNamedStyle(paths.style(style_name))
        lyr.saveStyleToDatabase(style_name, "SmartPlan", True, "")

    def features_in(self, source, crs, context, feedback):
        """(feature, geometry transformed to ``crs``) of every feature with a geometry; invalid
        geometries are not refused (see SKIP_VALIDITY); cancel is checked on the way."""
        if source is None:
            return
        xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        for f in source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY):
            self.check(feedback)
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            g.transform(xform)
            yield f, g

    @staticmethod
    def add_wkb_feature(sink, fields, wkb, attributes):
        """Add a feature with the WKB geometry ``wkb`` and ``attributes`` to ``sink``."""
        f = QgsFeature(fields)
        g = QgsGeometry()
        g.fromWkb(wkb)
        f.setGeometry(g)
        f.setAttributes(list(attributes))
        sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)

    @staticmethod
    def fields_of(spec):
        """QgsFields from an output schema ((name, type), ...): the analysis layer's plain types
        (int, float, str, bool) or QVariant types."""
        fields = QgsFields()
        for name, typ in spec:
            fields.append(QgsField(name, QVARIANT_OF.get(typ, typ)))
        return fields

    def params_text(self, parameters, context):
        """The parameter set used, as compact JSON (recorded in outputs)."""
        simple = {}
        for k, v in parameters.items():
            if isinstance(v, (int, float, bool, str)) or v is None:
                simple[k] = v
            else:
                simple[k] = str(v)
        return json.dumps(simple, ensure_ascii=False, sort_keys=True)
