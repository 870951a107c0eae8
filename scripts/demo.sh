#!/usr/bin/env bash
# SmartPlan demo: install the packaged plugin into a throw-away QGIS profile, run the analyses
# on the bundled data through qgis_process (exactly as a batch user would) and render a PNG map
# per output into demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$PWD/demo-output"
DATA="$PWD/demo/data"
rm -rf "$OUT" && mkdir -p "$OUT"
PROFILE_HOME=$(mktemp -d)
trap 'rm -rf "$PROFILE_HOME"' EXIT
PLUGINS="$PROFILE_HOME/.local/share/QGIS/QGIS3/profiles/default/python/plugins"
mkdir -p "$PLUGINS"
unzip -q "$(ls dist/smartplan-*.zip | head -n1)" -d "$PLUGINS"
export HOME="$PROFILE_HOME" XDG_DATA_HOME="$PROFILE_HOME/.local/share" QT_QPA_PLATFORM=offscreen
# Debian's /usr/bin/qgis_process wrapper is broken on bookworm: call the binary directly.
QP=/usr/bin/qgis_process.bin
$QP plugins enable smartplan >/dev/null

echo "== smartplan:depressions (Senkenanalyse) on the bundled 1 m LiDAR DEM with demo buildings"
$QP run smartplan:depressions --json -- \
  DEM="$DATA/lidar_mn_1m_dem.tif" BUILDINGS="$DATA/demo_buildings.gpkg" \
  BUILDING_RAISE=10 BUILDING_HEIGHT_FIELD=height_m NODATA_DRAINS=true \
  FILLED="$OUT/filled.tif" DEPTH="$OUT/depth.tif" SINKS="$OUT/sinks.gpkg" \
  POUR_POINTS="$OUT/pour_points.gpkg" CATCHMENTS="$OUT/catchments.gpkg" \
  > "$OUT/depressions.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   sinks:', r['SINK_COUNT'], ' volume m3: %.0f' % r['TOTAL_VOLUME_M3'])" "$OUT/depressions.json"

echo "== smartplan:rainscenario (Starkregen-Szenario, extrem 90 mm in 1 h)"
$QP run smartplan:rainscenario --json -- \
  DEM="$DATA/lidar_mn_1m_dem.tif" BUILDINGS="$DATA/demo_buildings.gpkg" \
  BUILDING_RAISE=10 BUILDING_HEIGHT_FIELD=height_m SCENARIO=2 RUNOFF_COEFF=1.0 SEWER_MM=0 \
  WATER_DEPTH="$OUT/water_depth.tif" FLOODED="$OUT/flooded.gpkg" \
  SPILL_NETWORK="$OUT/spill_network.gpkg" OUTPUT_HTML="$OUT/rainscenario.html" \
  > "$OUT/rainscenario.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   rain %.0f m3 = stored %.0f m3 + left the map %.0f m3' % (r['RAIN_M3'], r['STORED_M3'], r['LEFT_MAP_M3']))" "$OUT/rainscenario.json"

echo "== smartplan:flowpaths (Fließwege, from 0.1 ha as in dense urban areas)"
$QP run smartplan:flowpaths --json -- \
  DEM="$DATA/lidar_mn_1m_dem.tif" BUILDINGS="$DATA/demo_buildings.gpkg" \
  BUILDING_RAISE=10 BUILDING_HEIGHT_FIELD=height_m MIN_CATCHMENT_HA=0.1 CORRIDOR_M=10 \
  FLOW_DIRECTION="$OUT/flow_direction.tif" ACCUMULATION="$OUT/accumulation.tif" \
  FLOWPATHS="$OUT/flowpaths.gpkg" CORRIDOR="$OUT/corridor.gpkg" \
  BUILDINGS_NEAR="$OUT/buildings_near.gpkg" > "$OUT/flowpaths.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   segments:', r['SEGMENT_COUNT'], ' buildings near flow paths:', r['BUILDINGS_NEAR_COUNT'])" "$OUT/flowpaths.json"

echo "== smartplan:affected (Betroffenheit) from the scenario's water depth and the flow paths"
$QP run smartplan:affected --json -- \
  WATER_DEPTH="$OUT/water_depth.tif" BUILDINGS="$DATA/demo_buildings.gpkg" \
  ROADS="$DATA/demo_roads.gpkg" CRITICAL="$DATA/demo_critical.gpkg" CRITICAL_TYPE_FIELD=kind \
  FLOWPATHS="$OUT/flowpaths.gpkg" CORRIDOR="$OUT/corridor.gpkg" \
  BUILDINGS_AFFECTED="$OUT/buildings_affected.gpkg" ROADS_AFFECTED="$OUT/roads_affected.gpkg" \
  UNDERPASSES="$OUT/underpasses.gpkg" CRITICAL_AFFECTED="$OUT/critical_affected.gpkg" \
  OUTPUT_HTML="$OUT/affected.html" > "$OUT/affected.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   flooded buildings:', r['BUILDINGS_FLOODED'], ' flooded roads: %.2f km' % r['ROADS_FLOODED_KM'], ' impassable for emergency vehicles: %.2f km' % r['ROADS_IMPASSABLE_EMERGENCY_KM'], ' critical sites:', r['CRITICAL_AFFECTED_COUNT'])" "$OUT/affected.json"

echo "== smartplan:notwasserwege (Notwasserwege) along the flow paths and roads"
$QP run smartplan:notwasserwege --json -- \
  FLOWPATHS="$OUT/flowpaths.gpkg" ROADS="$DATA/demo_roads.gpkg" BUILDINGS="$DATA/demo_buildings.gpkg" \
  OPEN_SPACE="$DATA/demo_open_space.gpkg" TARGETS="$DATA/demo_open_space.gpkg" TARGET_NAME_FIELD=name \
  SENSITIVE="$DATA/demo_critical.gpkg" ROUTES="$OUT/notwasserwege.gpkg" CONFLICTS="$OUT/conflicts.gpkg" \
  > "$OUT/notwasserwege.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   candidate routes:', r['ROUTE_COUNT'], ' conflicts:', r['CONFLICT_COUNT'])" "$OUT/notwasserwege.json"

echo "== smartplan:emergencyroutes (Einsatzrouten, cars) on the affected roads, 1 min (demo scale)"
$QP run smartplan:emergencyroutes --json -- \
  ROADS="$OUT/roads_affected.gpkg" STATIONS="$DATA/demo_stations.gpkg" \
  DESTINATIONS="$DATA/demo_buildings.gpkg" VEHICLE=1 TIME_LIMIT_MIN=1 \
  BLOCKED="$OUT/blocked.gpkg" ROUTES="$OUT/routes.gpkg" SERVICE_AREA="$OUT/service_area.gpkg" \
  UNREACHABLE="$OUT/unreachable.gpkg" OUTPUT_HTML="$OUT/emergencyroutes.html" > "$OUT/emergencyroutes.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   blocked roads: %.2f km' % r['BLOCKED_KM'], ' buildings losing coverage:', r['LOST_COVERAGE'])" "$OUT/emergencyroutes.json"

echo "== smartplan:greenroofs (Gründachpotenzial) on a synthetic 1 m DSM of the demo buildings"
$QP run smartplan:greenroofs --json -- \
  BUILDINGS="$DATA/demo_buildings.gpkg" ID_FIELD=name DSM="$DATA/demo_dsm.tif" DTM="$DATA/lidar_mn_1m_dem.tif" \
  BUILDUP=2 PRECIPITATION_MM=773 DESIGN_RAIN_LS_HA=300 FEE_EUR_M2=0.86 FEE_REDUCTION=0.5 \
  FACES="$OUT/roof_faces.gpkg" ROOFS="$OUT/greenroofs.gpkg" SUMMARY="$OUT/greenroofs.html" > "$OUT/greenroofs.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   buildings:', r['BUILDINGS_ANALYSED'], ' green-roof potential: %.0f m2' % r['GREEN_AREA_M2'], ' retention: %.0f m3/a' % r['RETENTION_M3_A'])" "$OUT/greenroofs.json"

echo "== smartplan:importfeedback (Bürgerbeteiligung) from the bundled DIPAS-style sample, linked to the sinks"
$QP run smartplan:importfeedback --json -- \
  SOURCE="$DATA/feedback_sample.geojson" OUTPUT="$OUT/beteiligung.gpkg" > "$OUT/importfeedback.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   contributions:', r['TOTAL'], ' without location:', r['UNLOCATED'])" "$OUT/importfeedback.json"
$QP run smartplan:feedbacklink --json -- \
  FEEDBACK="$OUT/beteiligung.gpkg|layername=contributions_point" TARGETS="$OUT/sinks.gpkg" TARGET_ID_FIELD=sink_id \
  DISTANCE_M=25 OUTPUT="$OUT/feedback_per_sink.gpkg" > "$OUT/feedbacklink.json"
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('   contributions within 25 m of a sink:', r['LINKED'])" "$OUT/feedbacklink.json"

echo "== the shipped model smartplan:Starkregen-Screening (all four steps in one run)"
M="$OUT/model"; mkdir -p "$M"
$QP run smartplan:Starkregen-Screening --json -- \
  DEM="$DATA/lidar_mn_1m_dem.tif" BUILDINGS="$DATA/demo_buildings.gpkg" ROADS="$DATA/demo_roads.gpkg" \
  RAIN_MM=90 depressions:sinks="$M/sinks.gpkg" depressions:pour_points="$M/pour_points.gpkg" \
  depressions:sink_depth="$M/depth.tif" depressions:filled="$M/filled.tif" \
  rainscenario:water_depth="$M/water_depth.tif" rainscenario:flooded="$M/flooded.gpkg" \
  rainscenario:spill_network="$M/spill.gpkg" rainscenario:summary="$M/summary.html" \
  flowpaths:flowpaths="$M/flowpaths.gpkg" flowpaths:corridor="$M/corridor.gpkg" \
  flowpaths:buildings_near="$M/buildings_near.gpkg" affected:buildings_affected="$M/buildings_affected.gpkg" \
  affected:roads_affected="$M/roads_affected.gpkg" affected:underpasses="$M/underpasses.gpkg" \
  affected:critical_affected="$M/critical_affected.gpkg" affected:affected_report="$M/affected.html" \
  > "$OUT/model.json"
/usr/bin/python3 -c "
import json, sys
from osgeo import ogr
r = json.load(open(sys.argv[1]))['results']
ds = ogr.Open(r['affected:buildings_affected'])
lyr = ds.GetLayer(0)
lyr.SetAttributeFilter('flooded = 1')
print('   model outputs:', len(r), ' flooded buildings:', lyr.GetFeatureCount())" "$OUT/model.json"

echo "== smartplan:filltiled (city scale, exact) on the DEM cut into 4 DGM tiles, 128 x 128 work tiles"
T="$OUT/dgm_tiles"; mkdir -p "$T"
for i in 0 1; do for j in 0 1; do
  gdal_translate -q -srcwin $((j * 200)) $((i * 200)) 200 200 "$DATA/lidar_mn_1m_dem.tif" "$T/dgm1_${i}${j}.tif"
done; done
$QP run smartplan:filltiled --json -- \
  DEM_FOLDER="$T" BUILDINGS="$DATA/demo_buildings.gpkg" BUILDING_RAISE=10 BUILDING_HEIGHT_FIELD=height_m \
  TILE_SIZE=128 FLOW_ROUTING=true SINKS="$OUT/city_sinks.gpkg" OUTPUT_FOLDER="$OUT/city" > "$OUT/filltiled.json"
/usr/bin/python3 -c "
import json, sys
import numpy as np
from osgeo import gdal
r = json.load(open(sys.argv[1]))['results']
a = gdal.Open(r['FILLED']).ReadAsArray(); b = gdal.Open(sys.argv[2]).ReadAsArray()
print('   tiles:', r['TILES'], ' sinks:', r['SINK_COUNT'], ' filled surface identical to smartplan:depressions:', bool(np.array_equal(a, b)))
" "$OUT/filltiled.json" "$OUT/filled.tif"

echo "== smartplan:rainscenario on the same tiles (a VRT of them, 128 x 128 work tiles: the city-scale path)"
gdalbuildvrt -q "$OUT/dgm_tiles.vrt" "$T"/*.tif
$QP run smartplan:rainscenario --json -- \
  DEM="$OUT/dgm_tiles.vrt" BUILDINGS="$DATA/demo_buildings.gpkg" \
  BUILDING_RAISE=10 BUILDING_HEIGHT_FIELD=height_m SCENARIO=2 RUNOFF_COEFF=1.0 SEWER_MM=0 TILE_SIZE=128 \
  WATER_DEPTH="$OUT/city_water_depth.tif" FLOODED="$OUT/city_flooded.gpkg" \
  SPILL_NETWORK="$OUT/city_spill_network.gpkg" > "$OUT/city_rainscenario.json"
/usr/bin/python3 -c "
import json, sys
import numpy as np
from osgeo import gdal
r = json.load(open(sys.argv[1]))['results']; ref = json.load(open(sys.argv[2]))['results']
a = gdal.Open(r['WATER_DEPTH']).ReadAsArray(); b = gdal.Open(sys.argv[3]).ReadAsArray()
print('   stored %.0f m3 (in one piece %.0f m3); water depth as in one piece: %s' % (
    r['STORED_M3'], ref['STORED_M3'], bool(np.allclose(a, b, atol=1e-5))))
" "$OUT/city_rainscenario.json" "$OUT/rainscenario.json" "$OUT/water_depth.tif"

echo "== rendering maps"
/usr/bin/python3 scripts/render_demo.py "$OUT" "$DATA"
echo "== the planning-table mode on the demo outputs (German, 1920 x 1080)"
/usr/bin/python3 scripts/table_screenshot.py "$OUT" "$DATA"
ls -1 "$OUT"/*.png
echo "Demo outputs in $OUT"
