#!/usr/bin/env bash
# SmartPlan batch recipe: depression analysis and a heavy-rain scenario over a folder of DGM1
# tiles with qgis_process.
#
#   batch_tiles.sh TILE_DIR OUT_DIR [options]
#
# Options:
#   --mode exact|mosaic|tiles
#                         exact: smartplan:filltiled — the whole area tile by tile in bounded
#                         memory, identical to the whole-raster analysis (filled surface, depth,
#                         sinks with catchments and pour points, D8 flow direction, upstream area),
#                         then smartplan:rainscenario tile by tile (water depth, flooded sinks,
#                         spill network, summary).
#                         mosaic (default): one VRT mosaic of all tiles, analysed as one raster by
#                         smartplan:depressions and smartplan:rainscenario (exact as well; both
#                         switch to the tiled path by themselves when it does not fit in memory).
#                         tiles: each tile with a buffer of its neighbours; a sink belongs to the
#                         tile that holds the centroid of its polygon, so no sink is counted twice.
#   --tile-size N         cells per side of the work tiles in exact mode (default 2048)
#   --buffer M            buffer around each tile in tiles mode (default 250 m; make it larger
#                         than the largest sink you expect, or sinks at tile edges are cut)
#   --buildings FILE      building footprints (any CRS), raised by --raise M (default 10)
#   --rain-mm MM          rain depth for the scenario (default 90 = extrem); --scenario 0..3
#   --pattern GLOB        tile file pattern (default *.tif)
#
# Debian/Ubuntu: /usr/bin/qgis_process is broken on Debian 12; the script uses qgis_process.bin
# when it exists. Set QGIS_PROCESS to use another binary.
set -euo pipefail

usage() { sed -n '2,28p' "$0"; exit 2; }
[ $# -ge 2 ] || usage
TILES=$1; OUT=$2; shift 2
MODE=mosaic; TILE_SIZE=2048; BUFFER=250; BUILDINGS=""; RAISE=10; RAIN=90; SCENARIO=3; PATTERN='*.tif'
while [ $# -gt 0 ]; do
  case $1 in
    --mode) MODE=$2; shift 2;; --buffer) BUFFER=$2; shift 2;; --tile-size) TILE_SIZE=$2; shift 2;;
    --buildings) BUILDINGS=$2; shift 2;; --raise) RAISE=$2; shift 2;;
    --rain-mm) RAIN=$2; shift 2;; --scenario) SCENARIO=$2; shift 2;;
    --pattern) PATTERN=$2; shift 2;; *) usage;;
  esac
done
if [ -n "${QGIS_PROCESS:-}" ]; then QP=$QGIS_PROCESS
elif [ -x /usr/bin/qgis_process.bin ]; then QP=/usr/bin/qgis_process.bin
else QP=qgis_process; fi
mkdir -p "$OUT"
PY=${PYTHON:-/usr/bin/python3}  # the Python with GDAL bindings (Debian: /usr/bin/python3)
shopt -s nullglob
tiles=("$TILES"/$PATTERN)
[ ${#tiles[@]} -gt 0 ] || { echo "No tiles matching $PATTERN in $TILES" >&2; exit 1; }
gdalbuildvrt -q "$OUT/mosaic.vrt" "${tiles[@]}"
BLD=()
[ -n "$BUILDINGS" ] && BLD=("BUILDINGS=$BUILDINGS" "BUILDING_RAISE=$RAISE")

run_area() {  # DEM PREFIX
  local dem=$1 p=$2
  "$QP" run smartplan:depressions --json -- DEM="$dem" "${BLD[@]}" \
    FILLED="$p"_filled.tif DEPTH="$p"_depth.tif SINKS="$p"_sinks.gpkg \
    POUR_POINTS="$p"_pour_points.gpkg > "$p"_depressions.json
  "$QP" run smartplan:rainscenario --json -- DEM="$dem" "${BLD[@]}" SCENARIO="$SCENARIO" \
    RAIN_MM="$RAIN" WATER_DEPTH="$p"_water_depth.tif FLOODED="$p"_flooded.gpkg \
    SPILL_NETWORK="$p"_spill.gpkg OUTPUT_HTML="$p"_summary.html > "$p"_rainscenario.json
}

if [ "$MODE" = exact ]; then
  echo "exact tiled analysis of ${#tiles[@]} tiles -> $OUT/exact/"
  TILED_BLD=()
  [ -n "$BUILDINGS" ] && TILED_BLD=("BUILDINGS=$BUILDINGS" "BUILDING_RAISE=$RAISE")
  "$QP" run smartplan:filltiled --json -- DEM="$OUT/mosaic.vrt" "${TILED_BLD[@]}" FLOW_ROUTING=true \
    TILE_SIZE="$TILE_SIZE" \
    SINKS="$OUT/exact_sinks.gpkg" OUTPUT_FOLDER="$OUT/exact" > "$OUT/exact.json"
  "$QP" run smartplan:rainscenario --json -- DEM="$OUT/mosaic.vrt" "${TILED_BLD[@]}" SCENARIO="$SCENARIO" \
    RAIN_MM="$RAIN" TILE_SIZE="$TILE_SIZE" WATER_DEPTH="$OUT/exact_water_depth.tif" \
    FLOODED="$OUT/exact_flooded.gpkg" SPILL_NETWORK="$OUT/exact_spill.gpkg" \
    OUTPUT_HTML="$OUT/exact_summary.html" > "$OUT/exact_rainscenario.json"
  exit 0
fi
if [ "$MODE" = mosaic ]; then
  echo "mosaic of ${#tiles[@]} tiles -> $OUT/mosaic_*"
  run_area "$OUT/mosaic.vrt" "$OUT/mosaic"
  exit 0
fi

[ "$MODE" = tiles ] || usage
for t in "${tiles[@]}"; do
  name=$(basename "${t%.*}")
  read -r xmin ymin xmax ymax res < <("$PY" -c "
from osgeo import gdal
ds = gdal.Open('$t'); gt = ds.GetGeoTransform()
x0, y0 = gt[0], gt[3]; x1 = x0 + gt[1] * ds.RasterXSize; y1 = y0 + gt[5] * ds.RasterYSize
print(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), abs(gt[1]))")
  echo "tile $name ($xmin $ymin $xmax $ymax) with a ${BUFFER} m buffer"
  # outside the mosaic the buffered tile is NoData, which SmartPlan treats as the map edge
  read -r bx0 by0 bx1 by1 < <("$PY" -c "
b = round($BUFFER / $res) * $res
print($xmin - b, $ymin - b, $xmax + b, $ymax + b)")
  gdalwarp -q -overwrite -te "$bx0" "$by0" "$bx1" "$by1" -tr "$res" "$res" -r near \
    -dstnodata -9999 "$OUT/mosaic.vrt" "$OUT/${name}_buffered.tif"
  run_area "$OUT/${name}_buffered.tif" "$OUT/${name}_all"
  core="POLYGON(($xmin $ymin,$xmax $ymin,$xmax $ymax,$xmin $ymax,$xmin $ymin))"
  for layer in sinks flooded; do
    "$QP" run native:extractbyexpression -- INPUT="$OUT/${name}_all_${layer}.gpkg" \
      EXPRESSION="within(centroid(\$geometry), geom_from_wkt('$core'))" \
      OUTPUT="$OUT/${name}_${layer}.gpkg" > /dev/null
  done
done
echo "done: per tile *_sinks.gpkg and *_flooded.gpkg hold the sinks whose centroid lies in the tile"
