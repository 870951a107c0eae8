<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AffectedAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/affected.py" line="42"/>
        <source>Affected objects (Betroffenheit)</source>
        <translation>Betroffenheitsanalyse</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="45"/>
        <source>&lt;p&gt;Which buildings, roads, underpasses and critical sites are hit by heavy-rain water: from a water-depth raster (smartplan:rainscenario or any imported 2D depth raster) and, optionally, the flow paths and their corridor.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Buildings:&lt;/b&gt; the largest water depth in or next to the footprint (the wall); flooded from {wall_depth} m (Ulm: water can enter), in the corridor, or by distance to a flow path (the classes of the flow paths' run, by default ≤ {dist_1} / {dist_2} / {dist_3} m, Hessen). &lt;b&gt;Roads&lt;/b&gt; (OSM highway lines or ATKIS/ALKIS road lines) are split where they enter or leave the water; each piece has its maximum depth and whether cars (≤ {car_depth} m) and emergency vehicles (≤ {emergency_depth} m) can pass (Kramer et al. 2016). &lt;b&gt;Underpasses:&lt;/b&gt; OSM tunnel/covered/layer &amp;lt; 0, or road pieces deeper than {underpass_depth} m (knee-deep, BWB Überstauatlas). &lt;b&gt;Critical sites&lt;/b&gt; (hospital, fire station, school, kindergarten, care home, substation …; from a type field or OSM tags) with their water depth and corridor flag.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; Depth only (no flow velocity); the depth raster's own limits apply (topographic screening: no sewer, no time dimension).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Welche Gebäude, Straßen, Unterführungen und kritischen Einrichtungen das Starkregenwasser trifft: aus einem Wassertiefen-Raster (smartplan:rainscenario oder ein importiertes 2D-Tiefenraster) und optional den Fließwegen und ihrem Korridor.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gebäude:&lt;/b&gt; die größte Wassertiefe im oder am Grundriss (an der Wand); überflutet ab {wall_depth} m (Ulm: Wasser kann eindringen), im Korridor oder nach Abstand zu einem Fließweg (die Klassen des Fließweg-Laufs, standardmäßig ≤ {dist_1} / {dist_2} / {dist_3} m, Hessen). &lt;b&gt;Straßen&lt;/b&gt; (OSM-highway-Linien oder ATKIS/ALKIS-Straßenlinien) werden geteilt, wo sie ins Wasser hinein- oder herausführen; jedes Stück hat seine größte Tiefe und ob Pkw (≤ {car_depth} m) und Einsatzfahrzeuge (≤ {emergency_depth} m) durchfahren können (Kramer et al. 2016). &lt;b&gt;Unterführungen:&lt;/b&gt; OSM tunnel/covered/layer &amp;lt; 0 oder Straßenstücke tiefer als {underpass_depth} m (knietief, BWB-Überstauatlas). &lt;b&gt;Kritische Einrichtungen&lt;/b&gt; (Krankenhaus, Feuerwache, Schule, Kita, Pflegeheim, Umspannwerk …; aus einem Typfeld oder OSM-Tags) mit Wassertiefe und Korridor-Kennzeichen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Nur Tiefe (keine Fließgeschwindigkeit); es gelten die Grenzen des Tiefenrasters (topografisches Screening: keine Kanalisation, keine Zeitdimension).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="66"/>
        <source>Water depth raster [m]</source>
        <translation>Wassertiefen-Raster [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="67"/>
        <source>Buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="72"/>
        <source>Roads (lines)</source>
        <translation>Straßen (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="77"/>
        <source>Critical sites (points or polygons)</source>
        <translation>Kritische Einrichtungen (Punkte oder Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="85"/>
        <source>Type field of the critical sites (else OSM tags)</source>
        <translation>Typfeld der kritischen Einrichtungen (sonst OSM-Tags)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="93"/>
        <source>Flow paths (smartplan:flowpaths)</source>
        <translation>Fließwege (smartplan:flowpaths)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="101"/>
        <source>Flow path corridor</source>
        <translation>Fließwegkorridor</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="109"/>
        <source>Building flooded from a wall depth of [m]</source>
        <translation>Gebäude überflutet ab einer Wassertiefe an der Wand von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="109"/>
        <source>Cars cannot pass above [m]</source>
        <translation>Pkw können nicht mehr durchfahren über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="109"/>
        <source>Emergency vehicles cannot pass above [m]</source>
        <translation>Einsatzfahrzeuge können nicht mehr durchfahren über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="109"/>
        <source>Underpass (road sink) from a depth of [m]</source>
        <translation>Unterführung (Straßensenke) ab einer Tiefe von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="234"/>
        <source>Affected buildings</source>
        <translation>Betroffene Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="296"/>
        <source>Roads split at the water</source>
        <translation>Straßen, am Wasser geteilt</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="299"/>
        <source>Underpasses</source>
        <translation>Unterführungen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="259"/>
        <source>Affected critical sites</source>
        <translation>Betroffene kritische Einrichtungen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="157"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="157"/>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="162"/>
        <source>Flooded buildings</source>
        <translation>Überflutete Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="162"/>
        <source>Flooded roads [km]</source>
        <translation>Überflutete Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="162"/>
        <source>Roads impassable for emergency vehicles [km]</source>
        <translation>Für Einsatzfahrzeuge unpassierbare Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="193"/>
        <source>The water depth must be a file-based raster (GeoTIFF).</source>
        <translation>Die Wassertiefe muss ein dateibasiertes Raster (GeoTIFF) sein.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="199"/>
        <source>The water depth raster contains only NoData.</source>
        <translation>Das Wassertiefen-Raster enthält nur NoData.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="201"/>
        <source>The water depth raster has negative values; they count as dry.</source>
        <translation>Das Wassertiefen-Raster hat negative Werte; sie gelten als trocken.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/affected.py" line="183"/>
        <source>Distance classes of the flow paths: {c} m</source>
        <translation>Abstandsklassen der Fließwege: {c} m</translation>
    </message>
</context>
<context>
    <name>AffectedReport</name>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="20"/>
        <source>Buildings checked</source>
        <translation>Geprüfte Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="21"/>
        <source>Buildings flooded (wall depth ≥ {v:g} m)</source>
        <translation>Überflutete Gebäude (Tiefe an der Wand ≥ {v:g} m)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="25"/>
        <source>Buildings in the flow path corridor</source>
        <translation>Gebäude im Fließwegkorridor</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="26"/>
        <source>Buildings within {limits} m of a flow path</source>
        <translation>Gebäude {limits} m vom Fließweg</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="36"/>
        <source>Roads checked [km]</source>
        <translation>Geprüfte Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="37"/>
        <source>Roads under water [km]</source>
        <translation>Straßen unter Wasser [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="38"/>
        <source>Impassable for cars [km]</source>
        <translation>Für Pkw unpassierbar [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="39"/>
        <source>Impassable for emergency vehicles [km]</source>
        <translation>Für Einsatzfahrzeuge unpassierbar [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="43"/>
        <source>Underpass pieces (tagged / road sinks)</source>
        <translation>Unterführungsstücke (markiert / Straßensenken)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="46"/>
        <source>Critical sites checked</source>
        <translation>Geprüfte kritische Einrichtungen</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="48"/>
        <source>Affected: {t}</source>
        <translation>Betroffen: {t}</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/affected_report.py" line="49"/>
        <source>Affected objects (Betroffenheit)</source>
        <translation>Betroffenheitsanalyse</translation>
    </message>
</context>
<context>
    <name>CityScaleDepressions</name>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="178"/>
        <source>Filled surface</source>
        <translation>Gefüllte Oberfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="179"/>
        <source>Sink depth</source>
        <translation>Senkentiefe</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="180"/>
        <source>Sinks</source>
        <translation>Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="181"/>
        <source>Pour points</source>
        <translation>Überlaufpunkte</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="191"/>
        <source>{n:,} sinks found, {k:,} pass the filters</source>
        <translation>{n:,} Senken gefunden, {k:,} erfüllen die Filter</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="185"/>
        <source>Local catchments</source>
        <translation>Lokale Einzugsgebiete</translation>
    </message>
</context>
<context>
    <name>CityScalePath</name>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="52"/>
        <source>&lt;p&gt;&lt;b&gt;City scale.&lt;/b&gt; A DEM that does not fit in memory (or any DEM with TILE_SIZE &amp;gt; 0) is analysed tile by tile in bounded memory, with the same results as in one piece: the exact tiled Priority-Flood (Barnes 2016), flats, flow and accumulation across tiles (Barnes 2017), sinks, nested sinks, the rain cascade and the flow-path network joined across the tile edges. Give a whole city as a VRT of its DGM1 tiles (Build virtual raster) or one large GeoTIFF. With Dask installed the tiles run on all cores; SMARTPLAN_DASK_SCHEDULER=tcp://host:8786 runs them on a dask.distributed cluster. A cancelled run started again with the same settings keeps its finished tiles.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Stadtweit.&lt;/b&gt; Ein DGM, das nicht in den Arbeitsspeicher passt (oder jedes DGM mit TILE_SIZE &amp;gt; 0), wird Kachel für Kachel mit begrenztem Speicher berechnet, mit denselben Ergebnissen wie in einem Stück: der exakte gekachelte Priority-Flood (Barnes 2016), Flachbereiche, Abfluss und Akkumulation über Kachelgrenzen (Barnes 2017), Senken, verschachtelte Senken, die Regenkaskade und das Fließwegenetz über die Kachelränder verbunden. Geben Sie eine ganze Stadt als VRT ihrer DGM1-Kacheln (Virtuelles Raster erstellen) oder als ein großes GeoTIFF an. Mit installiertem Dask laufen die Kacheln auf allen Kernen; SMARTPLAN_DASK_SCHEDULER=tcp://host:8786 führt sie auf einem dask.distributed-Cluster aus. Ein abgebrochener Lauf, mit denselben Einstellungen erneut gestartet, behält seine fertigen Kacheln.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="68"/>
        <source>No DEM was given.</source>
        <translation>Es wurde kein DGM angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="69"/>
        <source>City-scale path: the DEM is analysed tile by tile ({t} × {t} cells) in bounded memory, with the same results as in one piece.</source>
        <translation>Stadtweiter Weg: das DGM wird Kachel für Kachel ({t} × {t} Zellen) mit begrenztem Speicher berechnet, mit denselben Ergebnissen wie in einem Stück.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="102"/>
        <source>Cancelled: no outputs were written. Start the run again with the same DEM, settings and outputs to resume it; finished tiles are kept in {w}.</source>
        <translation>Abgebrochen: es wurden keine Ergebnisse geschrieben. Starten Sie den Lauf mit demselben DGM, denselben Einstellungen und Ausgaben erneut, um ihn fortzusetzen; fertige Kacheln bleiben in {w} erhalten.</translation>
    </message>
</context>
<context>
    <name>CityScaleRain</name>
    <message>
        <location filename="../smartplan/processing/tiled_path.py" line="236"/>
        <source>{n:,} sinks across {t} tiles, {w:,} hold water</source>
        <translation>{n:,} Senken auf {t} Kacheln, {w:,} halten Wasser</translation>
    </message>
</context>
<context>
    <name>ContributionsTab</name>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="109"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="119"/>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="124"/>
        <source>Rubrics</source>
        <translation>Rubriken</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="138"/>
        <source>From / to</source>
        <translation>Von / bis</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="141"/>
        <source>search in title, text, keywords</source>
        <translation>Suche in Titel, Text, Schlagworten</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="143"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="150"/>
        <source>Rating at least</source>
        <translation>Bewertung mindestens</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="152"/>
        <source>withdrawn too</source>
        <translation>auch zurückgezogene</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="154"/>
        <source>labels</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="161"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="161"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="161"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="209"/>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="211"/>
        <source>Open the original</source>
        <translation>Original öffnen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="304"/>
        <source>{n} of {t} contributions shown ({l} on the map).</source>
        <translation>{n} von {t} Beiträgen angezeigt ({l} auf der Karte).</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="320"/>
        <source>(no title)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="322"/>
        <source>(no category)</source>
        <translation>(ohne Kategorie)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="325"/>
        <source>{p} for, {c} against</source>
        <translation>{p} dafür, {c} dagegen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="326"/>
        <source>{n} comments</source>
        <translation>{n} Kommentare</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="329"/>
        <source>no location</source>
        <translation>ohne Ort</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/contributions_tab.py" line="331"/>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
    </message>
</context>
<context>
    <name>DepressionsAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="28"/>
        <source>Depression analysis (Senken)</source>
        <translation>Senkenanalyse</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="125"/>
        <source>Filled surface</source>
        <translation>Gefüllte Oberfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="126"/>
        <source>Sink depth</source>
        <translation>Senkentiefe</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="145"/>
        <source>Sinks</source>
        <translation>Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="154"/>
        <source>Pour points</source>
        <translation>Überlaufpunkte</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="166"/>
        <source>Local catchments</source>
        <translation>Lokale Einzugsgebiete</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="87"/>
        <source>Number of sinks</source>
        <translation>Anzahl Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="89"/>
        <source>Total sink volume [m³]</source>
        <translation>Gesamtvolumen der Senken [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="99"/>
        <source>Filling depressions and routing flow …</source>
        <translation>Senken füllen und Abfluss berechnen …</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="107"/>
        <source>{n:,} sinks found, {k:,} pass the filters</source>
        <translation>{n:,} Senken gefunden, {k:,} erfüllen die Filter</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="88"/>
        <source>Number of nested sinks</source>
        <translation>Anzahl verschachtelter Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/depressions.py" line="31"/>
        <source>&lt;p&gt;Finds depressions (Senken) in a terrain model where heavy-rain water collects: topographic hazard analysis, tier 2 of DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Buildings are raised as obstacles (default +{raise_m} m, or a height field). The DEM is filled exactly (Priority-Flood, Barnes et al. 2014, no epsilon); depth = filled − DEM; sinks are 8-connected cells with depth &amp;gt; 0. Per sink: area, volume, max/mean depth, bottom and spill elevation, pour point, local catchment (D8 on the filled surface), the sink its overflow reaches (downstream_id) and the fill rain 1000·V/A&lt;sub&gt;c&lt;/sub&gt; [mm] at which it is full. Sink ids rank the sinks by volume (1 = largest) and are the same in the rain scenario.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nested sinks.&lt;/b&gt; Inside a sink, basins around separate pits merge at saddles (depression hierarchy, Barnes et al. 2020): nested sinks (level 2, 3 …) are reported with parent_id and level up to the deepest level chosen; catchment, fill rain and downstream belong to the outermost sink (level 1) and stay empty for them.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Edges and NoData.&lt;/b&gt; Water reaching the raster edge or NoData connected to it leaves the map. Enclosed NoData holes drain or act as walls (parameter).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Filters&lt;/b&gt; (SENSARE Berlin): max depth ≥ {min_depth} m, area ≥ {min_area} m², volume ≥ {min_volume} m³, catchment ≥ {min_catchment} m². Lighter (Danish Bluespot): depth {blue_depth} m, area {blue_area} m², volume {blue_volume} m³. FILLED and DEPTH are unfiltered. Depth classes: {depth_classes} m (Ulm: from {depth_enter} m water can enter buildings).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; A screening: no sewer, no culverts unless burned in, no time dimension; unreliable on slopes below {low_slope} %. Not a Starkregengefahrenkarte (2D simulation) in the sense of LUBW/NRW.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Findet Senken im Geländemodell, in denen sich Starkregenwasser sammelt: topografische Gefährdungsanalyse, Stufe 2 nach DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Gebäude werden als Hindernisse angehoben (Standard +{raise_m} m oder ein Höhenfeld). Das DGM wird exakt gefüllt (Priority-Flood, Barnes et al. 2014, ohne Epsilon); Tiefe = gefüllt − DGM; Senken sind 8-verbundene Zellen mit Tiefe &amp;gt; 0. Je Senke: Fläche, Volumen, max./mittlere Tiefe, Sohl- und Überlaufhöhe, Überlaufpunkt, lokales Einzugsgebiet (D8 auf der gefüllten Oberfläche), die Senke, die ihr Überlauf erreicht (downstream_id), und der Füllregen 1000·V/A&lt;sub&gt;E&lt;/sub&gt; [mm], bei dem sie voll ist. Die Senken-IDs ordnen die Senken nach Volumen (1 = größte) und sind im Regenszenario dieselben.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Verschachtelte Senken.&lt;/b&gt; Innerhalb einer Senke verbinden sich die Becken um getrennte Tiefpunkte an Sätteln (Senkenhierarchie, Barnes et al. 2020): verschachtelte Senken (Ebene 2, 3 …) werden mit parent_id und level bis zur gewählten Ebene ausgegeben; Einzugsgebiet, Füllregen und Unterlieger gehören zur äußersten Senke (Ebene 1) und bleiben bei ihnen leer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rand und NoData.&lt;/b&gt; Wasser, das den Rasterrand oder mit ihm verbundene NoData-Zellen erreicht, verlässt die Karte. Eingeschlossene NoData-Löcher entwässern oder wirken als Wand (Parameter).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Filter&lt;/b&gt; (SENSARE Berlin): max. Tiefe ≥ {min_depth} m, Fläche ≥ {min_area} m², Volumen ≥ {min_volume} m³, Einzugsgebiet ≥ {min_catchment} m². Leichter (dänischer Bluespot): Tiefe {blue_depth} m, Fläche {blue_area} m², Volumen {blue_volume} m³. FILLED und DEPTH sind ungefiltert. Tiefenklassen: {depth_classes} m (Ulm: ab {depth_enter} m kann Wasser in Gebäude eindringen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Ein Screening: keine Kanalisation, keine Durchlässe (außer eingebrannt), keine Zeitdimension; unzuverlässig bei Gefälle unter {low_slope} %. Keine Starkregengefahrenkarte (2D-Simulation) im Sinne von LUBW/NRW.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>EmergencyRoutesAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="46"/>
        <source>Emergency routes in heavy rain (Einsatzrouten)</source>
        <translation>Einsatzrouten bei Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="49"/>
        <source>&lt;p&gt;Which places can fire brigades and ambulances still reach in time when roads are flooded? The screening version of Berlin's SENSARE route recommendations: the fastest routes from the nearest station on the dry and on the flooded road network, detours, service areas within the response-time target and the destinations that lose coverage.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Network.&lt;/b&gt; Every vertex of a road line is a node, as in QGIS' network analysis; stations and destinations are tied to the nearest road. Speed from a field (km/h) or from the OSM highway class (documented default table: e.g. primary {speed_primary}, residential {speed_residential}, service {speed_service} km/h), else the default speed; footways, paths and steps are not driven; one-way streets (oneway=yes/-1) are honoured.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flooding.&lt;/b&gt; The water depth on each road piece comes from a depth raster (largest depth along it) or from ROADS with a max_depth_m field (smartplan:affected). A piece is impassable above {emergency_depth} m for emergency vehicles and {car_depth} m for cars (Kramer, Terheiden &amp;amp; Wieprecht 2016), or a custom depth. Optionally vehicles slow down with depth (Pregnolato et al. 2017: v(w) = 0.0009 w² − 0.5529 w + 86.9448 km/h, w in mm, 0 from 300 mm, applied as a factor to the road's speed).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time limit&lt;/b&gt;: the response-time target (Hilfsfrist) of your Land's fire-service or rescue-service rules, e.g. 8–10 minutes for the fire brigade.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Welche Orte erreichen Feuerwehr und Rettungsdienst noch rechtzeitig, wenn Straßen überflutet sind? Die Screening-Version der Routenempfehlungen aus dem Berliner Projekt SENSARE: die schnellsten Wege von der nächsten Wache im trockenen und im überfluteten Straßennetz, Umwege, erreichbare Bereiche innerhalb der Hilfsfrist und die Ziele, die ihre Abdeckung verlieren.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Netz.&lt;/b&gt; Jeder Stützpunkt einer Straßenlinie ist ein Knoten, wie in der QGIS-Netzwerkanalyse; Wachen und Ziele werden an die nächste Straße angebunden. Geschwindigkeit aus einem Feld (km/h) oder aus der OSM-Straßenklasse (dokumentierte Standardtabelle: z. B. primary {speed_primary}, residential {speed_residential}, service {speed_service} km/h), sonst die Standardgeschwindigkeit; Fußwege, Pfade und Treppen werden nicht befahren; Einbahnstraßen (oneway=yes/-1) werden beachtet.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Überflutung.&lt;/b&gt; Die Wassertiefe jedes Straßenstücks stammt aus einem Tiefenraster (größte Tiefe entlang des Stücks) oder aus ROADS mit dem Feld max_depth_m (smartplan:affected). Ein Stück ist unpassierbar über {emergency_depth} m für Einsatzfahrzeuge und {car_depth} m für Pkw (Kramer, Terheiden &amp;amp; Wieprecht 2016) oder über einer eigenen Tiefe. Optional fahren Fahrzeuge mit zunehmender Tiefe langsamer (Pregnolato et al. 2017: v(w) = 0,0009 w² − 0,5529 w + 86,9448 km/h, w in mm, 0 ab 300 mm, als Faktor auf die Geschwindigkeit der Straße).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Zeitgrenze&lt;/b&gt;: die Hilfsfrist nach dem Feuerwehr- oder Rettungsdienstrecht Ihres Landes, z. B. 8–10 Minuten für die Feuerwehr.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="74"/>
        <source>Roads (lines; ROADS_AFFECTED of smartplan:affected carries the depth)</source>
        <translation>Straßen (Linien; ROADS_AFFECTED aus smartplan:affected enthält die Tiefe)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="81"/>
        <source>Speed field [km/h]</source>
        <translation>Geschwindigkeitsfeld [km/h]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="90"/>
        <source>Default speed [km/h]</source>
        <translation>Standardgeschwindigkeit [km/h]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="99"/>
        <source>Fire and rescue stations (points)</source>
        <translation>Feuer- und Rettungswachen (Punkte)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="106"/>
        <source>Destinations (points or polygons)</source>
        <translation>Ziele (Punkte oder Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="114"/>
        <source>Water depth raster [m]</source>
        <translation>Wassertiefen-Raster [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="117"/>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="117"/>
        <source>emergency vehicle (impassable above 0.6 m)</source>
        <translation>Einsatzfahrzeug (unpassierbar über 0,6 m)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="117"/>
        <source>car (impassable above 0.3 m)</source>
        <translation>Pkw (unpassierbar über 0,3 m)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="117"/>
        <source>custom depth</source>
        <translation>eigene Tiefe</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="129"/>
        <source>Custom: impassable above [m]</source>
        <translation>Eigene Tiefe: unpassierbar über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="138"/>
        <source>Slow down in shallower water (Pregnolato et al. 2017)</source>
        <translation>In flacherem Wasser langsamer fahren (Pregnolato et al. 2017)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="143"/>
        <source>Response-time target (Hilfsfrist) [min]</source>
        <translation>Hilfsfrist [min]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="260"/>
        <source>Blocked roads</source>
        <translation>Gesperrte Straßen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="261"/>
        <source>Routes dry and flooded</source>
        <translation>Routen trocken und überflutet</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="262"/>
        <source>Service area (roads)</source>
        <translation>Erreichbarer Bereich (Straßen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="264"/>
        <source>Destinations losing coverage</source>
        <translation>Ziele, die die Hilfsfrist verlieren</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="172"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="172"/>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="177"/>
        <source>Blocked roads [km]</source>
        <translation>Gesperrte Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="224"/>
        <source>The road layer has no drivable roads.</source>
        <translation>Der Straßen-Layer enthält keine befahrbaren Straßen.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="216"/>
        <source>Roads and stations are needed.</source>
        <translation>Straßen und Wachen werden benötigt.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="227"/>
        <source>The station layer has no points.</source>
        <translation>Der Wachen-Layer enthält keine Punkte.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="234"/>
        <source>{n} stations are more than 500 m from the nearest road.</source>
        <translation>{n} Wachen liegen mehr als 500 m von der nächsten Straße entfernt.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/emergencyroutes.py" line="263"/>
        <source>Service area (polygons, dry and flooded)</source>
        <translation>Erreichbarer Bereich (Flächen, trocken und überflutet)</translation>
    </message>
</context>
<context>
    <name>EmergencyRoutesReport</name>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="17"/>
        <source>Blocked roads [km]</source>
        <translation>Gesperrte Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="18"/>
        <source>Impassable above [m]</source>
        <translation>Unpassierbar über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="19"/>
        <source>Response-time target [min]</source>
        <translation>Hilfsfrist [min]</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="20"/>
        <source>Destinations</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="21"/>
        <source>Destinations losing coverage</source>
        <translation>Ziele, die die Hilfsfrist verlieren</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="22"/>
        <source>Destinations cut off entirely</source>
        <translation>Vollständig abgeschnittene Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="28"/>
        <source>destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="28"/>
        <source>station</source>
        <translation>Wache</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="34"/>
        <source>dry min</source>
        <translation>trocken min</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="29"/>
        <source>flooded min</source>
        <translation>überflutet min</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="29"/>
        <source>detour min</source>
        <translation>Umweg min</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="29"/>
        <source>No destination needs a detour.</source>
        <translation>Kein Ziel braucht einen Umweg.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="34"/>
        <source>station (dry)</source>
        <translation>Wache (trocken)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="34"/>
        <source>No destination is cut off.</source>
        <translation>Kein Ziel ist abgeschnitten.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="39"/>
        <source>Emergency routes in heavy rain</source>
        <translation>Einsatzrouten bei Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="39"/>
        <source>figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="39"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="39"/>
        <source>Cut off when flooded (no route at all)</source>
        <translation>Bei Überflutung abgeschnitten (gar keine Route)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/emergencyroutes_report.py" line="39"/>
        <source>Longest detours</source>
        <translation>Längste Umwege</translation>
    </message>
</context>
<context>
    <name>FeedbackLinkAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="32"/>
        <source>Citizen feedback per analysis object (Bürgerhinweise je Objekt)</source>
        <translation>Bürgerhinweise je Objekt</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="35"/>
        <source>&lt;p&gt;Links citizen feedback to the analyses: for every object of TARGETS (sinks, flow paths, flooded areas, green-roof candidates …) the contributions within DISTANCE_M (default {distance} m) are counted and listed, e.g. 'Bürgerhinweise je Senke'. Distances are measured in metres (in the targets' CRS when it is projected, else in the UTM zone of the data).&lt;/p&gt;&lt;p&gt;Outputs: OUTPUT — the targets with &lt;i&gt;feedback_count&lt;/i&gt;, &lt;i&gt;feedback_ids&lt;/i&gt;, &lt;i&gt;top_category&lt;/i&gt;, &lt;i&gt;votes&lt;/i&gt;; OUTPUT_FEEDBACK — the contributions with the nearest target within the distance (&lt;i&gt;target_id&lt;/i&gt;, &lt;i&gt;distance_m&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Verknüpft Bürgerhinweise mit den Analysen: für jedes Objekt aus TARGETS (Senken, Fließwege, überflutete Flächen, Gründach-Kandidaten …) werden die Beiträge im Abstand DISTANCE_M (Standard {distance} m) gezählt und aufgelistet, z. B. „Bürgerhinweise je Senke“. Abstände werden in Metern gemessen (im KBS der Objekte, wenn es projiziert ist, sonst in der UTM-Zone der Daten).&lt;/p&gt;&lt;p&gt;Ausgaben: OUTPUT — die Objekte mit &lt;i&gt;feedback_count&lt;/i&gt;, &lt;i&gt;feedback_ids&lt;/i&gt;, &lt;i&gt;top_category&lt;/i&gt;, &lt;i&gt;votes&lt;/i&gt;; OUTPUT_FEEDBACK — die Beiträge mit dem nächsten Objekt innerhalb des Abstands (&lt;i&gt;target_id&lt;/i&gt;, &lt;i&gt;distance_m&lt;/i&gt;).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="47"/>
        <source>Citizen feedback (contributions)</source>
        <translation>Bürgerhinweise (Beiträge)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="54"/>
        <source>Analysis objects (sinks, flow paths, flooded areas, roofs)</source>
        <translation>Analyseobjekte (Senken, Fließwege, überflutete Flächen, Dächer)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="61"/>
        <source>Id field of the objects (else the feature id)</source>
        <translation>Id-Feld der Objekte (sonst die Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="69"/>
        <source>Distance [m]</source>
        <translation>Abstand [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="132"/>
        <source>Objects with citizen feedback</source>
        <translation>Objekte mit Bürgerhinweisen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="81"/>
        <source>Feedback with the nearest object</source>
        <translation>Hinweise mit dem nächsten Objekt</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="86"/>
        <source>Contributions near an object</source>
        <translation>Beiträge in der Nähe eines Objekts</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="92"/>
        <source>Feedback and analysis objects are needed.</source>
        <translation>Es werden Bürgerhinweise und Analyseobjekte benötigt.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="108"/>
        <source>The analysis layer has no objects.</source>
        <translation>Der Analyse-Layer enthält keine Objekte.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/feedbacklink.py" line="97"/>
        <source>The analysis layer has no field &apos;{f}&apos;. Its fields: {all}.</source>
        <translation>Die Analyseebene hat kein Feld '{f}'. Ihre Felder: {all}.</translation>
    </message>
</context>
<context>
    <name>FeedbackMessages</name>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="70"/>
        <source>The server cannot be reached ({url}). Check the address, your network and the proxy settings of QGIS (Settings → Options → Network).</source>
        <translation>Der Server ist nicht erreichbar ({url}). Prüfen Sie die Adresse, Ihr Netzwerk und die Proxy-Einstellungen von QGIS (Einstellungen → Optionen → Netzwerk).</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="83"/>
        <source>The secure connection to {url} failed (certificate). Check the address.</source>
        <translation>Die sichere Verbindung zu {url} ist fehlgeschlagen (Zertifikat). Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="84"/>
        <source>The server answered with an error (HTTP {status}) for {url}.</source>
        <translation>Der Server hat mit einem Fehler geantwortet (HTTP {status}) für {url}.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="85"/>
        <source>The server reported an error: {message}</source>
        <translation>Der Server meldet einen Fehler: {message}</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="86"/>
        <source>The answer is not valid JSON ({url}): the file or server answer is broken or incomplete.</source>
        <translation>Die Antwort ist kein gültiges JSON ({url}): die Datei oder Serverantwort ist beschädigt oder unvollständig.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="89"/>
        <source>The address returned &apos;{content_type}&apos; instead of JSON ({url}): probably a web page or a login. Use the API address.</source>
        <translation>Die Adresse lieferte '{content_type}' statt JSON ({url}): vermutlich eine Webseite oder eine Anmeldung. Verwenden Sie die API-Adresse.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="93"/>
        <source>The data is not a GeoJSON FeatureCollection.</source>
        <translation>Die Daten sind keine GeoJSON-FeatureCollection.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="94"/>
        <source>The source returned no contributions although {expected} are expected (maintenance mode or an internal project?). Nothing was changed; try again later.</source>
        <translation>Die Quelle lieferte keine Beiträge, obwohl {expected} erwartet werden (Wartungsmodus oder internes Projekt?). Es wurde nichts geändert; bitte später erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="98"/>
        <source>The server has several projects: choose one ({projects}).</source>
        <translation>Der Server hat mehrere Projekte: wählen Sie eines aus ({projects}).</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="99"/>
        <source>Project &apos;{project}&apos; does not exist on the server. Projects: {projects}</source>
        <translation>Das Projekt '{project}' gibt es auf dem Server nicht. Projekte: {projects}</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="102"/>
        <source>The import was cancelled. The previous data is unchanged.</source>
        <translation>Der Import wurde abgebrochen. Die bisherigen Daten sind unverändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="103"/>
        <source>The coordinates cannot be recognised (x {x}, y {y}): neither degrees, UTM nor Gauß-Krüger.</source>
        <translation>Die Koordinaten sind nicht erkennbar (x {x}, y {y}): weder Grad noch UTM noch Gauß-Krüger.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="106"/>
        <source>The file cannot be read: {path} {error}</source>
        <translation>Die Datei kann nicht gelesen werden: {path} {error}</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="129"/>
        <source>This CSV file is not a DIPAS export: the column &apos;{expected}&apos; is missing (found: {found}).</source>
        <translation>Diese CSV-Datei ist kein DIPAS-Export: die Spalte '{expected}' fehlt (gefunden: {found}).</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="132"/>
        <source>Give the WFS feature type (typeNames=… in the address or as project).</source>
        <translation>Geben Sie den WFS-Objekttyp an (typeNames=… in der Adresse oder als Projekt).</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="133"/>
        <source>Unknown source type &apos;{source_type}&apos;.</source>
        <translation>Unbekannter Quelltyp '{source_type}'.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="134"/>
        <source>Export format &apos;{ext}&apos; is not supported: use .gpkg, .geojson or .csv.</source>
        <translation>Das Exportformat '{ext}' wird nicht unterstützt: verwenden Sie .gpkg, .geojson oder .csv.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="135"/>
        <source>The field mapping is not valid JSON: {error}</source>
        <translation>Die Feldzuordnung ist kein gültiges JSON: {error}</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="13"/>
        <source>{a} added, {u} updated, {w} withdrawn, {n} unchanged — {t} active contributions, {x} without location.</source>
        <translation>{a} neu, {u} aktualisiert, {w} zurückgezogen, {n} unverändert — {t} aktive Beiträge, {x} ohne Ort.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="30"/>
        <source>The server publishes no category colours: a fallback palette is used.</source>
        <translation>Der Server veröffentlicht keine Kategoriefarben: es wird eine Ersatzpalette verwendet.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="49"/>
        <source>the CRS of the QGIS project</source>
        <translation>das Bezugssystem des QGIS-Projekts</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="49"/>
        <source>the zone most German data uses</source>
        <translation>die Zone der meisten deutschen Daten</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="54"/>
        <source>The coordinates carry no CRS and fit both ETRS89 / UTM zones in Germany: taken as EPSG:{epsg} ({why}). If they are EPSG:{other} (zone 33: Berlin, Brandenburg, Mecklenburg-Vorpommern, Sachsen), they lie about 400 km off: set the project&apos;s CRS to EPSG:{other} or give the CRS in the field mapping (&apos;crs&apos;: &apos;EPSG:{other}&apos;) and import again.</source>
        <translation>Die Koordinaten haben kein Bezugssystem und passen in Deutschland zu beiden ETRS89/UTM-Zonen: gelesen als EPSG:{epsg} ({why}). Sind es EPSG:{other} (Zone 33: Berlin, Brandenburg, Mecklenburg-Vorpommern, Sachsen), liegen sie etwa 400 km daneben: setzen Sie das Bezugssystem des Projekts auf EPSG:{other} oder geben Sie es in der Feldzuordnung an ('crs': 'EPSG:{other}') und importieren Sie erneut.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="34"/>
        <source>{n} contributions were sent twice with the same content (ids {ids}): stored once.</source>
        <translation>{n} Beiträge kamen doppelt mit gleichem Inhalt (IDs {ids}): einmal gespeichert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="41"/>
        <source>{n} contributions share an id with another one but differ (ids {ids}): each is kept, the later ones as '&lt;id&gt;~2', '&lt;id&gt;~3' … Ask the source to fix its ids.</source>
        <translation>{n} Beiträge haben die ID eines anderen, aber anderen Inhalt (IDs {ids}): alle bleiben erhalten, die späteren als '&lt;ID&gt;~2', '&lt;ID&gt;~3' … Bitten Sie die Quelle, ihre IDs zu korrigieren.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="125"/>
        <source>Another import is writing {path} (process {pid} on {host}) and did not finish within a minute. Wait for it to finish and import again; nothing was changed.</source>
        <translation>Ein anderer Import schreibt gerade {path} (Prozess {pid} auf {host}) und ist nach einer Minute nicht fertig. Warten Sie, bis er fertig ist, und importieren Sie erneut; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="111"/>
        <source>The participation GeoPackage {path} cannot be read ({error}). It may be damaged or not a SmartPlan store: choose another output file; nothing was changed.</source>
        <translation>Das Beteiligungs-GeoPackage {path} kann nicht gelesen werden ({error}). Es ist vielleicht beschädigt oder kein SmartPlan-Speicher: wählen Sie eine andere Ausgabedatei; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="115"/>
        <source>{path} cannot be written ({error}). Check that the folder exists and is writable, that the disk has space and that no other program holds the file; the previous data is unchanged.</source>
        <translation>{path} kann nicht geschrieben werden ({error}). Prüfen Sie, ob der Ordner existiert und beschreibbar ist, ob die Festplatte Platz hat und ob kein anderes Programm die Datei offen hält; die bisherigen Daten sind unverändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="74"/>
        <source>The server sent no complete answer within {seconds:g} s ({url}; attempts: {attempts}). Large projects answer slowly: try again later; nothing was changed.</source>
        <translation>Der Server hat in {seconds:g} s keine vollständige Antwort gesendet ({url}; Versuche: {attempts}). Große Projekte antworten langsam: Versuchen Sie es später erneut; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="78"/>
        <source>The import was stopped after its time limit of {seconds:g} s for all requests ({url} was still loading). The server is very slow: try again later; nothing was changed.</source>
        <translation>Der Import wurde nach seinem Zeitlimit von {seconds:g} s für alle Anfragen abgebrochen ({url} lud noch). Der Server ist sehr langsam: Versuchen Sie es später erneut; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="107"/>
        <source>{path} has no layer &apos;{layer}&apos;. Its layers: {layers}. Give one of them as &apos;&lt;file&gt;|layername=&lt;layer&gt;&apos;.</source>
        <translation>{path} hat keinen Layer '{layer}'. Seine Layer: {layers}. Geben Sie einen davon als '&lt;Datei&gt;|layername=&lt;Layer&gt;' an.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="120"/>
        <source>{path} is in use by another program (an edit session in QGIS, a database tool, another program writing it). Save or stop editing there, or close that program, and import again; nothing was changed.</source>
        <translation>{path} wird von einem anderen Programm verwendet (eine Bearbeitungssitzung in QGIS, ein Datenbankwerkzeug, ein anderes Programm schreibt hinein). Speichern oder beenden Sie dort die Bearbeitung oder schließen Sie das Programm, und importieren Sie erneut; es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="55"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="56"/>
        <source>Contributions</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="57"/>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="58"/>
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="59"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="108"/>
        <source>Citizen feedback</source>
        <translation>Bürgerhinweise</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="115"/>
        <source>Citizen feedback – {p}</source>
        <translation>Bürgerhinweise – {p}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="117"/>
        <source>Contributions (points)</source>
        <translation>Beiträge (Punkte)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="118"/>
        <source>Contributions (lines)</source>
        <translation>Beiträge (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/feedback_panel.py" line="119"/>
        <source>Contributions (areas)</source>
        <translation>Beiträge (Flächen)</translation>
    </message>
</context>
<context>
    <name>FieldMappingDialog</name>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="54"/>
        <source>Field mapping</source>
        <translation>Feldzuordnung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="58"/>
        <source>Contribution id</source>
        <translation>Beitrags-ID</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="59"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="60"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="61"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="62"/>
        <source>Rubric / type</source>
        <translation>Rubrik / Typ</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="63"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="64"/>
        <source>Votes for</source>
        <translation>Stimmen dafür</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="65"/>
        <source>Votes against</source>
        <translation>Stimmen dagegen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="66"/>
        <source>Number of comments</source>
        <translation>Anzahl Kommentare</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="67"/>
        <source>Keywords</source>
        <translation>Schlagworte</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="68"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="69"/>
        <source>Author (personal data)</source>
        <translation>Verfasser (personenbezogen)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="70"/>
        <source>E-mail (personal data)</source>
        <translation>E-Mail (personenbezogen)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="71"/>
        <source>x / longitude</source>
        <translation>x / Länge</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="72"/>
        <source>y / latitude</source>
        <translation>y / Breite</translation>
    </message>
</context>
<context>
    <name>FillTiledAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="36"/>
        <source>Depression filling, city scale (tiled, exact)</source>
        <translation>Senkenfüllung stadtweit (gekachelt, exakt)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="81"/>
        <source>… or a folder of DEM tiles</source>
        <translation>… oder ein Ordner mit DGM-Kacheln</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="89"/>
        <source>Tile size [cells per side]</source>
        <translation>Kachelgröße [Zellen je Seite]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="98"/>
        <source>dask.distributed scheduler address (empty: this machine)</source>
        <translation>Adresse des dask.distributed-Schedulers (leer: dieser Rechner)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="108"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="128"/>
        <source>Filled surface (VRT)</source>
        <translation>Gefüllte Oberfläche (VRT)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="129"/>
        <source>Sink depth (VRT)</source>
        <translation>Senkentiefe (VRT)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="140"/>
        <source>Number of tiles</source>
        <translation>Anzahl Kacheln</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="141"/>
        <source>Number of cells</source>
        <translation>Anzahl Zellen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="149"/>
        <source>The folder holds no raster tiles (.tif, .asc, .xyz, .vrt, .img).</source>
        <translation>Der Ordner enthält keine Rasterkacheln (.tif, .asc, .xyz, .vrt, .img).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="150"/>
        <source>Tile {t} has no coordinate reference system: assign it first.</source>
        <translation>Kachel {t} hat kein Koordinatenbezugssystem: weisen Sie es zuerst zu.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="151"/>
        <source>Tile {t} is rotated: warp it to a north-up grid first.</source>
        <translation>Kachel {t} ist gedreht: transformieren Sie sie zuerst auf ein genordetes Raster.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="152"/>
        <source>The tiles are in different coordinate systems ({t}): reproject them to one CRS (e.g. EPSG:25832 or EPSG:25833) first.</source>
        <translation>Die Kacheln liegen in verschiedenen Koordinatensystemen ({t}): projizieren Sie sie zuerst in ein KBS (z. B. EPSG:25832 oder EPSG:25833).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="156"/>
        <source>The tiles have different cell sizes ({t}): resample them to one cell size first.</source>
        <translation>Die Kacheln haben verschiedene Zellgrößen ({t}): resampeln Sie sie zuerst auf eine Zellgröße.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="159"/>
        <source>The tiles are not on one grid ({t}): their origins are not a whole number of cells apart. Resample them onto one grid first.</source>
        <translation>Die Kacheln liegen nicht auf einem Raster ({t}): ihre Ursprünge liegen nicht um ganze Zellen auseinander. Resampeln Sie sie zuerst auf ein gemeinsames Raster.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="163"/>
        <source>Tiles {t} overlap with different values ({c:,} cells): remove the duplicate or older tile.</source>
        <translation>Die Kacheln {t} überlappen mit verschiedenen Werten ({c:,} Zellen): entfernen Sie die doppelte oder ältere Kachel.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="166"/>
        <source>The tiles use different NoData values ({t}): set one NoData value for all (gdal_edit -a_nodata) first.</source>
        <translation>Die Kacheln verwenden verschiedene NoData-Werte ({t}): setzen Sie zuerst einen NoData-Wert für alle (gdal_edit -a_nodata).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="179"/>
        <source>Give a DEM (GeoTIFF or VRT) or a folder of DEM tiles.</source>
        <translation>Geben Sie ein DGM (GeoTIFF oder VRT) oder einen Ordner mit DGM-Kacheln an.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="181"/>
        <source>The DEM folder does not exist: {f}</source>
        <translation>Der DGM-Ordner existiert nicht: {f}</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="187"/>
        <source>Choose an output folder outside the folder of the DEM tiles (the outputs would be read as tiles next time).</source>
        <translation>Wählen Sie einen Ausgabeordner außerhalb des Ordners der DGM-Kacheln (die Ergebnisse würden beim nächsten Mal als Kacheln gelesen).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="196"/>
        <source>Dask is not installed: the tiles run one after the other on one core (same result). With Dask (pip install dask) they run on all cores, with dask.distributed on a cluster.</source>
        <translation>Dask ist nicht installiert: die Kacheln laufen nacheinander auf einem Kern (gleiches Ergebnis). Mit Dask (pip install dask) laufen sie auf allen Kernen, mit dask.distributed auf einem Cluster.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="271"/>
        <source>Cancelled: no VRT was written. Start the run again with the same input, settings and output folder to resume it; finished tiles are kept.</source>
        <translation>Abgebrochen: es wurde kein VRT geschrieben. Starten Sie den Lauf mit derselben Eingabe, denselben Einstellungen und demselben Ausgabeordner erneut, um ihn fortzusetzen; fertige Kacheln bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="283"/>
        <source>The Dask scheduler at {a} cannot be used: {e}. Check the address and that dask.distributed is installed, or leave the address empty.</source>
        <translation>Der Dask-Scheduler unter {a} ist nicht nutzbar: {e}. Prüfen Sie die Adresse und ob dask.distributed installiert ist, oder lassen Sie die Adresse leer.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="292"/>
        <source>Resumed: {n} of {t} tiles were already done.</source>
        <translation>Fortgesetzt: {n} von {t} Kacheln waren schon fertig.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="298"/>
        <source>Filled surface</source>
        <translation>Gefüllte Oberfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="299"/>
        <source>Sink depth</source>
        <translation>Senkentiefe</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="324"/>
        <source>Sinks</source>
        <translation>Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="114"/>
        <source>Also D8 flow directions and flow accumulation</source>
        <translation>Auch D8-Fließrichtungen und Abflussakkumulation</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="130"/>
        <source>Flow direction, D8 (VRT; with flow routing)</source>
        <translation>Fließrichtung D8 (VRT; mit Abflussberechnung)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="135"/>
        <source>Upstream area [m²] (VRT; with flow routing)</source>
        <translation>Einzugsgebietsfläche [m²] (VRT; mit Abflussberechnung)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="142"/>
        <source>Number of sinks</source>
        <translation>Anzahl Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="144"/>
        <source>Total sink volume [m³]</source>
        <translation>Gesamtvolumen der Senken [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="303"/>
        <source>Flow direction (D8)</source>
        <translation>Fließrichtung (D8)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="304"/>
        <source>Upstream area</source>
        <translation>Einzugsgebietsfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="321"/>
        <source>{n:,} sinks found, {k:,} pass the filters</source>
        <translation>{n:,} Senken gefunden, {k:,} erfüllen die Filter</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="119"/>
        <source>Local catchments of the sinks (with flow routing)</source>
        <translation>Lokale Einzugsgebiete der Senken (mit Abflussberechnung)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="234"/>
        <source>Local catchments need the sinks (SINKS) and the flow routing (FLOW_ROUTING).</source>
        <translation>Lokale Einzugsgebiete brauchen die Senken (SINKS) und die Abflussberechnung (FLOW_ROUTING).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="331"/>
        <source>Local catchments</source>
        <translation>Lokale Einzugsgebiete</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="39"/>
        <source>&lt;p&gt;Fills the depressions (Senken) of a whole city's DGM1 — a folder of 1 km² tiles, a VRT or one large GeoTIFF — in bounded memory: the filled surface and the sink depth (filled − DEM), identical cell for cell to &lt;i&gt;Depression analysis&lt;/i&gt; on the whole raster.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method&lt;/b&gt; (Barnes 2016, Parallel Priority-Flood for trillion-cell DEMs): per tile a Priority-Flood that labels the areas draining to the tile's edge and records where they spill into each other; one pass over the small graph of all tiles' edges finds each edge cell's spill level; per tile a final pass raises every cell to it. Peak memory is set by the tile size ({ts} cells per side: about 0.2 GB per worker), not by the size of the map.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Tiles.&lt;/b&gt; A folder is checked before any work: one CRS, one cell size, one grid, one NoData value, overlapping tiles with equal values. Missing tiles are NoData. Outputs: one GeoTIFF per tile in &lt;i&gt;filled/&lt;/i&gt; and &lt;i&gt;depth/&lt;/i&gt; of the output folder and a VRT over each, loaded styled.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Engine.&lt;/b&gt; With Dask installed the tiles run on all cores; with a dask.distributed scheduler address (parameter or SMARTPLAN_DASK_SCHEDULER) on the workers of a cluster that see the same folders. Without Dask they run one after the other (same result). A cancelled run is resumed by starting it again with the same input, settings and output folder: finished tiles are kept.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Buildings&lt;/b&gt; are raised as obstacles as in &lt;i&gt;Depression analysis&lt;/i&gt; (by their height field, else by the raise).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sinks&lt;/b&gt; (optional output): the sinks across tiles with the ids (rank by volume), area, volume, depths, bottom and spill elevation, depth class and affected buildings of &lt;i&gt;Depression analysis&lt;/i&gt;; with flow routing also the local catchment, fill rain, downstream sink and pour point (pour_x, pour_y). Filtered by depth, area, volume and (with flow routing) catchment.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flow routing&lt;/b&gt; (optional): D8 flow directions with flats resolved towards their nearest lower edge and the upstream area, identical to &lt;i&gt;Overland flow paths&lt;/i&gt; (FLOW_DIRECTION, ACCUMULATION): flats that cross tiles are resolved by tiles exchanging the distances on their edges, the flow between tiles by the links of their exit cells (Barnes 2017).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nested sinks&lt;/b&gt; down to MAX_LEVEL (as in &lt;i&gt;Depression analysis&lt;/i&gt;): the merge tree of every sink on its tile, or on its bounding window for a sink across tiles.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rain scenario and flow paths&lt;/b&gt; of a whole city: &lt;i&gt;Heavy-rain scenario&lt;/i&gt; and &lt;i&gt;Overland flow paths&lt;/i&gt; on a VRT of the tiles take this path by themselves when it does not fit in memory (or with their TILE_SIZE).&lt;/p&gt;&lt;p&gt;{d}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Füllt die Senken des DGM1 einer ganzen Stadt — ein Ordner mit 1-km²-Kacheln, ein VRT oder ein großes GeoTIFF — mit begrenztem Speicher: die gefüllte Oberfläche und die Senkentiefe (gefüllt − DGM), Zelle für Zelle identisch mit der &lt;i&gt;Senkenanalyse&lt;/i&gt; auf dem ganzen Raster.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode&lt;/b&gt; (Barnes 2016, Parallel Priority-Flood für DGM mit Billionen Zellen): je Kachel ein Priority-Flood, der die zum Kachelrand entwässernden Flächen markiert und festhält, wo sie ineinander überlaufen; ein Durchgang über den kleinen Graphen aller Kachelränder findet die Überlaufhöhe jeder Randzelle; je Kachel hebt ein letzter Durchgang jede Zelle darauf an. Der Spitzenspeicher hängt von der Kachelgröße ab ({ts} Zellen je Seite: etwa 0,2 GB je Worker), nicht von der Größe der Karte.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Kacheln.&lt;/b&gt; Ein Ordner wird vor jeder Arbeit geprüft: ein KBS, eine Zellgröße, ein Raster, ein NoData-Wert, überlappende Kacheln mit gleichen Werten. Fehlende Kacheln sind NoData. Ergebnisse: je Kachel ein GeoTIFF in &lt;i&gt;filled/&lt;/i&gt; und &lt;i&gt;depth/&lt;/i&gt; des Ausgabeordners und je ein VRT darüber, gestylt geladen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ausführung.&lt;/b&gt; Mit installiertem Dask laufen die Kacheln auf allen Kernen; mit der Adresse eines dask.distributed-Schedulers (Parameter oder SMARTPLAN_DASK_SCHEDULER) auf den Workern eines Clusters, die dieselben Ordner sehen. Ohne Dask laufen sie nacheinander (gleiches Ergebnis). Ein abgebrochener Lauf wird fortgesetzt, indem man ihn mit derselben Eingabe, denselben Einstellungen und demselben Ausgabeordner erneut startet: fertige Kacheln bleiben erhalten.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gebäude&lt;/b&gt; werden wie in der &lt;i&gt;Senkenanalyse&lt;/i&gt; als Hindernisse erhöht (um ihr Höhenfeld, sonst um die Erhöhung).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Senken&lt;/b&gt; (optionale Ausgabe): die Senken über Kachelgrenzen hinweg mit den IDs (Rang nach Volumen), Fläche, Volumen, Tiefen, Sohl- und Überlaufhöhe, Tiefenklasse und betroffenen Gebäuden der &lt;i&gt;Senkenanalyse&lt;/i&gt;; mit Abflussberechnung auch lokales Einzugsgebiet, Füllregen, unterliegende Senke und Überlaufpunkt (pour_x, pour_y). Gefiltert nach Tiefe, Fläche, Volumen und (mit Abflussberechnung) Einzugsgebiet.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Abflussberechnung&lt;/b&gt; (optional): D8-Fließrichtungen, Flachbereiche zum nächsten tieferen Rand entwässert, und die Einzugsgebietsfläche, identisch mit den &lt;i&gt;Fließwegen&lt;/i&gt; (FLOW_DIRECTION, ACCUMULATION): Flachbereiche über Kachelgrenzen werden gelöst, indem die Kacheln die Entfernungen an ihren Rändern austauschen, der Abfluss zwischen Kacheln über die Verknüpfung ihrer Austrittszellen (Barnes 2017).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Verschachtelte Senken&lt;/b&gt; bis MAX_LEVEL (wie in der &lt;i&gt;Senkenanalyse&lt;/i&gt;): der Verschmelzungsbaum jeder Senke auf ihrer Kachel, bei einer Senke über Kachelgrenzen auf ihrem umschließenden Fenster.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Starkregen-Szenario und Fließwege&lt;/b&gt; einer ganzen Stadt: &lt;i&gt;Starkregen-Szenario&lt;/i&gt; und &lt;i&gt;Fließwege&lt;/i&gt; auf einem VRT der Kacheln nehmen diesen Weg von selbst, wenn es nicht in den Speicher passt (oder mit ihrer TILE_SIZE).&lt;/p&gt;&lt;p&gt;{d}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/filltiled.py" line="143"/>
        <source>Number of nested sinks</source>
        <translation>Anzahl verschachtelter Senken</translation>
    </message>
</context>
<context>
    <name>FlowPathsAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="35"/>
        <source>Overland flow paths (Fließwege)</source>
        <translation>Fließwege</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="65"/>
        <source>Flow paths start at an upstream area of [ha]</source>
        <translation>Fließwege beginnen ab einer Einzugsfläche von [ha]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="74"/>
        <source>Class breaks of the upstream area [ha]</source>
        <translation>Klassengrenzen der Einzugsfläche [ha]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="81"/>
        <source>Hazard corridor on each side [m]</source>
        <translation>Gefahrenkorridor je Seite [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="90"/>
        <source>Building distance classes [m]</source>
        <translation>Abstandsklassen der Gebäude [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="157"/>
        <source>Flow direction (D8)</source>
        <translation>Fließrichtung (D8)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="160"/>
        <source>Upstream area [m²]</source>
        <translation>Einzugsfläche [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="209"/>
        <source>Flow paths</source>
        <translation>Fließwege</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="223"/>
        <source>Flow path corridor</source>
        <translation>Fließwegkorridor</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="277"/>
        <source>Buildings near flow paths</source>
        <translation>Gebäude nahe Fließwegen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="125"/>
        <source>Number of flow path segments</source>
        <translation>Anzahl Fließwegabschnitte</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="135"/>
        <source>Class breaks must be increasing numbers separated by commas, e.g. &apos;0.5,2,10,50&apos; (got &apos;{v}&apos;).</source>
        <translation>Klassengrenzen müssen aufsteigende, durch Kommas getrennte Zahlen sein, z. B. '0.5,2,10,50' (angegeben: '{v}').</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="168"/>
        <source>Filling depressions and routing flow …</source>
        <translation>Senken füllen und Abfluss berechnen …</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="154"/>
        <source>{n:,} flow path segments from {ha:g} ha upstream area</source>
        <translation>{n:,} Fließwegabschnitte ab {ha:g} ha Einzugsfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/flowpaths.py" line="38"/>
        <source>&lt;p&gt;Overland flow paths of heavy rain from the terrain model, like the Hessian Fließpfadkarten: topographic hazard analysis, tier 2 of DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Buildings are raised as obstacles, the DEM is filled exactly, and each cell drains to its steepest-descent neighbour (D8: drop divided by distance, diagonals √2; O'Callaghan &amp;amp; Mark 1984). Flats, filled sinks included, drain towards their nearest lower edge (Barnes et al. 2014). ACCUMULATION is the upstream contributing area in m² (the cell included). Flow paths start where it reaches the minimum catchment (Hessen: {flow_min_ha} ha; 0.1 ha in dense urban areas) and are cut into segments between confluences with upstream area, class, Strahler order and mean slope on the filled surface. Segments that mostly cross a filled sink are flagged in_sink: the water ponds there first, the line only shows where the sink overflows to; the corridor and the building distances leave them out.&lt;/p&gt;&lt;p&gt;&lt;b&gt;FLOW_DIRECTION encoding&lt;/b&gt; (ESRI): 1 E, 2 SE, 4 S, 8 SW, 16 W, 32 NW, 64 N, 128 NE; 0 = drains off the map; 255 = NoData.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Classes&lt;/b&gt; by upstream area (proposal): {flow_classes} ha. Corridor: {corridor_m} m on each side (Hessen, Oppermann). Buildings by distance to a flow path: ≤ {dist_1} m red, ≤ {dist_2} m orange, ≤ {dist_3} m yellow (Hessen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; No sewer, no culverts unless burned in, no time dimension, single flow direction; paths on slopes below {low_slope} % are unreliable (low_slope, Hessen).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Fließwege des Starkregenabflusses aus dem Geländemodell, wie die hessischen Fließpfadkarten: topografische Gefährdungsanalyse, Stufe 2 nach DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Gebäude werden als Hindernisse angehoben, das DGM wird exakt gefüllt, und jede Zelle entwässert zum Nachbarn mit dem steilsten Gefälle (D8: Höhendifferenz geteilt durch Abstand, Diagonalen √2; O'Callaghan &amp;amp; Mark 1984). Flache Bereiche, auch gefüllte Senken, entwässern zu ihrem nächsten tieferen Rand (Barnes et al. 2014). ACCUMULATION ist die oberhalb liegende Einzugsfläche in m² (Zelle eingeschlossen). Fließwege beginnen, wo sie das Mindest-Einzugsgebiet erreicht (Hessen: {flow_min_ha} ha; 0,1 ha in dicht bebauten Gebieten), und werden zwischen Zusammenflüssen in Abschnitte geteilt, mit Einzugsfläche, Klasse, Strahler-Ordnung und mittlerem Gefälle auf der gefüllten Oberfläche. Abschnitte, die überwiegend durch eine gefüllte Senke laufen, tragen in_sink: dort staut sich das Wasser zuerst, die Linie zeigt nur, wohin die Senke überläuft; Korridor und Gebäudeabstände lassen sie aus.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Kodierung von FLOW_DIRECTION&lt;/b&gt; (ESRI): 1 O, 2 SO, 4 S, 8 SW, 16 W, 32 NW, 64 N, 128 NO; 0 = fließt aus der Karte; 255 = NoData.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Klassen&lt;/b&gt; nach Einzugsfläche (Vorschlag): {flow_classes} ha. Korridor: {corridor_m} m je Seite (Hessen, Oppermann). Gebäude nach Abstand zum Fließweg: ≤ {dist_1} m rot, ≤ {dist_2} m orange, ≤ {dist_3} m gelb (Hessen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Keine Kanalisation, keine Durchlässe (außer eingebrannt), keine Zeitdimension, eine Fließrichtung je Zelle; Fließwege bei Gefälle unter {low_slope} % sind unzuverlässig (low_slope, Hessen).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>GreenRoofReport</name>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="30"/>
        <source>Net green-roof area per class</source>
        <translation>Netto-Gründachfläche je Klasse</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="36"/>
        <source>Buildings analysed</source>
        <translation>Untersuchte Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="37"/>
        <source>Buildings with green-roof potential</source>
        <translation>Gebäude mit Gründachpotenzial</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="38"/>
        <source>Net green-roof area</source>
        <translation>Netto-Gründachfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="39"/>
        <source>Retention</source>
        <translation>Rückhalt</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="40"/>
        <source>Less water to the sewer</source>
        <translation>Weniger Wasser in die Kanalisation</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="41"/>
        <source>Peak runoff reduction at r(5,5)</source>
        <translation>Minderung des Spitzenabflusses bei r(5,5)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="42"/>
        <source>Evaporative cooling (upper bound)</source>
        <translation>Verdunstungskühlung (Obergrenze)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="43"/>
        <source>CO₂ binding (estimate)</source>
        <translation>CO₂-Bindung (Schätzwert)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="44"/>
        <source>Fine dust binding (estimate)</source>
        <translation>Feinstaubbindung (Schätzwert)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="47"/>
        <source>Rainwater fee savings</source>
        <translation>Ersparnis Niederschlagswassergebühr</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="49"/>
        <source>Listed monuments</source>
        <translation>Denkmäler</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="50"/>
        <source>PV present</source>
        <translation>PV vorhanden</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="51"/>
        <source>Stale DSM (no building visible)</source>
        <translation>Veraltetes DOM (kein Gebäude sichtbar)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="52"/>
        <source>Partly outside the DSM / NoData</source>
        <translation>Teilweise außerhalb des DOM / NoData</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="54"/>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="54"/>
        <source>figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="115"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="55"/>
        <source>Net area per class</source>
        <translation>Nettofläche je Klasse</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="80"/>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="68"/>
        <source>Retention by dominant class</source>
        <translation>Rückhalt nach vorherrschender Klasse</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="80"/>
        <source>Buildings with the largest potential</source>
        <translation>Gebäude mit dem größten Potenzial</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="80"/>
        <source>building</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="143"/>
        <source>green m²</source>
        <translation>Grün m²</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="143"/>
        <source>retention m³/a</source>
        <translation>Rückhalt m³/a</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="143"/>
        <source>district</source>
        <translation>Stadtteil</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="104"/>
        <source>Flags</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="104"/>
        <source>flag</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="143"/>
        <source>buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="106"/>
        <source>build-up</source>
        <translation>Aufbau</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="107"/>
        <source>annual precipitation</source>
        <translation>Jahresniederschlag</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="108"/>
        <source>design rain r(5,5)</source>
        <translation>Bemessungsregen r(5,5)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="109"/>
        <source>fee / reduction</source>
        <translation>Gebühr / Ermäßigung</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="115"/>
        <source>Parameters used</source>
        <translation>Verwendete Parameter</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="115"/>
        <source>parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="118"/>
        <source>Green-roof potential</source>
        <translation>Gründachpotenzial</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="126"/>
        <source>(outside the districts)</source>
        <translation>(außerhalb der Stadtteile)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="129"/>
        <source>Retention per district</source>
        <translation>Rückhalt je Stadtteil</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs_report.py" line="143"/>
        <source>Districts</source>
        <translation>Stadtteile</translation>
    </message>
</context>
<context>
    <name>GreenRoofTexts</name>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="118"/>
        <source>very good</source>
        <translation>sehr gut</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="119"/>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="120"/>
        <source>suitable (shear protection)</source>
        <translation>geeignet (Schubsicherung)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="121"/>
        <source>less suitable</source>
        <translation>weniger geeignet</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="122"/>
        <source>unsuitable</source>
        <translation>ungeeignet</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="123"/>
        <source>no roof face</source>
        <translation>keine Dachfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="129"/>
        <source>no DSM data</source>
        <translation>keine DOM-Daten</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="130"/>
        <source>footprint partly outside the DSM or on NoData</source>
        <translation>Grundriss teilweise außerhalb des DOM oder auf NoData</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="131"/>
        <source>DSM shows no building (newer than the flight?)</source>
        <translation>DOM zeigt kein Gebäude (neuer als die Befliegung?)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/greenroofs.py" line="132"/>
        <source>no roof face of the minimum size</source>
        <translation>keine Dachfläche in Mindestgröße</translation>
    </message>
</context>
<context>
    <name>GreenRoofsAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="42"/>
        <source>Green-roof potential (Gründachpotenzial)</source>
        <translation>Gründachpotenzial</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="46"/>
        <source>extensive 6 cm</source>
        <translation>extensiv 6 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="47"/>
        <source>extensive 8 cm</source>
        <translation>extensiv 8 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="48"/>
        <source>extensive 10 cm</source>
        <translation>extensiv 10 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="49"/>
        <source>extensive 15 cm</source>
        <translation>extensiv 15 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="50"/>
        <source>simple intensive 20 cm</source>
        <translation>einfach intensiv 20 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="51"/>
        <source>intensive 30 cm</source>
        <translation>intensiv 30 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="52"/>
        <source>intensive 50 cm</source>
        <translation>intensiv 50 cm</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="61"/>
        <source>&lt;p&gt;Which roofs can be greened, how well, and what it brings — per roof face and per building, like the green-roof cadastres of Münster, NRW (LANUV) and the Ruhr region.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Footprints are repaired (invalid, multipart) and reprojected to the DSM. Inside each footprint the roof is split into planar faces by region growing on local planes (or the LoD2 faces are used), and &lt;b&gt;a plane is fitted to each face&lt;/b&gt; (least squares, refitted without outliers): with 10 cm DSM noise a per-cell slope of a flat roof averages 3° (6° at 0.5 m cells) and would cross the {b1}° line, a plane fit is accurate to a few tenths of a degree. Cells more than SUPERSTRUCTURE_M ({superstructure} m) off the plane are superstructures (occupied). Faces under MIN_FACE_AREA ({min_face} m²) or without a MIN_WIDTH × MIN_WIDTH ({min_width} m) square are dropped; usable area = free area wider than {min_width} m × NET_FACTOR ({net_factor}). With a DTM or nDSM, cells lower than {min_height} m above ground are not roof.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Classes&lt;/b&gt; (Münster, CLASS_BREAKS_DEG {class_breaks}): 1 very good 0–{b1}° (extensive and intensive), 2 good {b1}–{b2}°, 3 suitable with shear protection {b2}–{b3}°, 4 less suitable {b3}–{b4}°, 5 unsuitable &amp;gt; {b4}°. Intensive build-ups (≥ {intensive_cm} cm) only on class 1 faces; steeper faces get extensive {default_cm} cm.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Effects&lt;/b&gt; (methods A7) for the chosen build-up, A = net green area (plan), P = annual precipitation: retention V = A·P·ret (FLL: {fll}); saved sewer volume A·P·(ψ_hard − (1 − ret)), ψ_hard {psi_hard} (DWA-M 153); peak reduction (C_hard − C_s)·r(5,5)·A/10000 l/s with DIN 1986-100 C_s (extensive ≥ 10 cm {cs_thick}, &amp;lt; 10 cm {cs_thin}, slope &amp;gt; 5 % {cs_sloped}, intensive {cs_intensive}; hard {cs_hard}); evaporative cooling V·{cooling} kWh/m³ (upper bound); CO₂ {co2} kg/(m²·a) (Köhler 2012 via Münster) and fine dust {dust} g/(m²·a) (Münster) — estimates; split-fee saving A·fee·reduction (e.g. Hamburg 0.86 €/m², {fee_reduction_pct} %; enter your statute's values).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Enter your local values:&lt;/b&gt; PRECIPITATION_MM (DWD normal 1991–2020; default: Hamburg {precip} mm) and DESIGN_RAIN_LS_HA (r(5,5) from KOSTRA-DWD-2020; default {design_rain} l/(s·ha)).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Coefficients table&lt;/b&gt; (optional, e.g. a CSV with columns key, value) overrides any of these defaults:&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;key&lt;/th&gt;&lt;th&gt;default&lt;/th&gt;&lt;th&gt;source&lt;/th&gt;&lt;/tr&gt;{rows}&lt;/table&gt;&lt;p&gt;&lt;b&gt;Flags:&lt;/b&gt; monument and PV (intersecting polygons; PV is a flag, green roof and PV combine), existing green roof (NDVI &amp;gt; {ndvi} on ≥ {green_min} m²), stale DSM (nDSM median &amp;lt; {min_height} m, or the footprint edge shows no height step to the ground on more than {stale_share} % of the transects: building newer than the flight), partial DSM coverage.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Structural capacity is never known: 'Statik ist individuell zu prüfen'.&lt;/b&gt; Outputs: FACES, ROOFS (per building) and an HTML SUMMARY with charts.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Welche Dächer sich begrünen lassen, wie gut, und was es bringt — je Dachfläche und je Gebäude, wie die Gründachkataster von Münster, NRW (LANUV) und der Metropole Ruhr.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Grundrisse werden repariert (ungültig, mehrteilig) und auf das DOM umprojiziert. In jedem Grundriss wird das Dach durch Regionenwachstum auf lokalen Ebenen in ebene Teilflächen zerlegt (oder die LoD2-Flächen werden verwendet), und &lt;b&gt;an jede Fläche wird eine Ebene angepasst&lt;/b&gt; (kleinste Quadrate, ohne Ausreißer neu angepasst): bei 10 cm DOM-Rauschen liegt die zellweise Neigung eines Flachdachs im Mittel bei 3° (6° bei 0,5-m-Zellen) und würde die {b1}°-Grenze überschreiten, die Ebenenanpassung ist auf wenige Zehntelgrad genau. Zellen mehr als SUPERSTRUCTURE_M ({superstructure} m) neben der Ebene sind Dachaufbauten (belegt). Flächen unter MIN_FACE_AREA ({min_face} m²) oder ohne ein Quadrat von MIN_WIDTH × MIN_WIDTH ({min_width} m) entfallen; nutzbare Fläche = freie Fläche breiter als {min_width} m × NET_FACTOR ({net_factor}). Mit DGM oder nDOM sind Zellen weniger als {min_height} m über Grund kein Dach.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Klassen&lt;/b&gt; (Münster, CLASS_BREAKS_DEG {class_breaks}): 1 sehr gut 0–{b1}° (extensiv und intensiv), 2 gut {b1}–{b2}°, 3 geeignet mit Schubsicherung {b2}–{b3}°, 4 weniger geeignet {b3}–{b4}°, 5 ungeeignet &amp;gt; {b4}°. Intensive Aufbauten (≥ {intensive_cm} cm) nur auf Flächen der Klasse 1; steilere Flächen erhalten extensiv {default_cm} cm.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Wirkungen&lt;/b&gt; (Methoden A7) für den gewählten Aufbau, A = Netto-Gründachfläche (Grundriss), P = Jahresniederschlag: Rückhalt V = A·P·ret (FLL: {fll}); eingesparte Abwassermenge A·P·(ψ_hart − (1 − ret)), ψ_hart {psi_hard} (DWA-M 153); Minderung des Spitzenabflusses (C_hart − C_s)·r(5,5)·A/10000 l/s mit DIN 1986-100 C_s (extensiv ≥ 10 cm {cs_thick}, &amp;lt; 10 cm {cs_thin}, Neigung &amp;gt; 5 % {cs_sloped}, intensiv {cs_intensive}; hart {cs_hard}); Verdunstungskühlung V·{cooling} kWh/m³ (Obergrenze); CO₂ {co2} kg/(m²·a) (Köhler 2012 nach Münster) und Feinstaub {dust} g/(m²·a) (Münster) — Schätzwerte; Ersparnis bei der gesplitteten Gebühr A·Gebühr·Ermäßigung (z. B. Hamburg 0,86 €/m², {fee_reduction_pct} %; Werte Ihrer Satzung eintragen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Tragen Sie Ihre örtlichen Werte ein:&lt;/b&gt; PRECIPITATION_MM (DWD-Mittel 1991–2020; Standard: Hamburg {precip} mm) und DESIGN_RAIN_LS_HA (r(5,5) aus KOSTRA-DWD-2020; Standard {design_rain} l/(s·ha)).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Koeffiziententabelle&lt;/b&gt; (optional, z. B. eine CSV mit den Spalten key, value) ersetzt beliebige dieser Standardwerte:&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;key&lt;/th&gt;&lt;th&gt;Standard&lt;/th&gt;&lt;th&gt;Quelle&lt;/th&gt;&lt;/tr&gt;{rows}&lt;/table&gt;&lt;p&gt;&lt;b&gt;Hinweise:&lt;/b&gt; Denkmal und PV (überlappende Flächen; PV ist nur ein Hinweis, Gründach und PV lassen sich kombinieren), vorhandenes Gründach (NDVI &amp;gt; {ndvi} auf ≥ {green_min} m²), veraltetes DOM (nDOM-Median &amp;lt; {min_height} m, oder der Rand des Grundrisses zeigt auf mehr als {stale_share} % der Querprofile keine Höhenstufe zum Boden: Gebäude neuer als die Befliegung), teilweise DOM-Abdeckung.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Die Tragfähigkeit ist nie bekannt: „Statik ist individuell zu prüfen“.&lt;/b&gt; Ausgaben: FACES, ROOFS (je Gebäude) und eine HTML-Zusammenfassung (SUMMARY) mit Diagrammen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="99"/>
        <source>Building footprints</source>
        <translation>Gebäudegrundrisse</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="104"/>
        <source>Building id field (else the feature id)</source>
        <translation>Gebäude-ID-Feld (sonst die Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="112"/>
        <source>Digital surface model (DOM), projected CRS in metres</source>
        <translation>Digitales Oberflächenmodell (DOM), projiziertes KBS in Metern</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="117"/>
        <source>Digital terrain model (DGM) for nDSM checks</source>
        <translation>Digitales Geländemodell (DGM) für nDOM-Prüfungen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="122"/>
        <source>Normalised DSM (height above ground)</source>
        <translation>Normalisiertes DOM (Höhe über Grund)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="127"/>
        <source>LoD2 roof faces (used instead of segmentation)</source>
        <translation>LoD2-Dachflächen (statt Segmentierung)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="135"/>
        <source>Roof form field of the LoD2 faces (Dachform)</source>
        <translation>Dachform-Feld der LoD2-Flächen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="144"/>
        <source>Roof slope field of the LoD2 faces [°] (where the DSM has no data)</source>
        <translation>Dachneigungs-Feld der LoD2-Flächen [°] (wo das DOM keine Daten hat)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="153"/>
        <source>Listed monuments (Denkmäler)</source>
        <translation>Denkmäler</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="161"/>
        <source>PV installations</source>
        <translation>PV-Anlagen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="166"/>
        <source>NDVI raster (CIR orthophoto) for existing green roofs</source>
        <translation>NDVI-Raster (CIR-Orthofoto) für vorhandene Gründächer</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="171"/>
        <source>Districts for the summary</source>
        <translation>Stadtteile für die Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="179"/>
        <source>District name field</source>
        <translation>Namensfeld der Stadtteile</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="187"/>
        <source>Build-up</source>
        <translation>Aufbau</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Annual precipitation [mm] (your DWD normal)</source>
        <translation>Jahresniederschlag [mm] (Ihr DWD-Mittel)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Design rain r(5,5) [l/(s·ha)] (KOSTRA-DWD-2020)</source>
        <translation>Bemessungsregen r(5,5) [l/(s·ha)] (KOSTRA-DWD-2020)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Rainwater fee [€/(m²·a)] (0: no fee output)</source>
        <translation>Niederschlagswassergebühr [€/(m²·a)] (0: keine Gebührenangabe)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Fee reduction for green roofs (0–1)</source>
        <translation>Gebührenermäßigung für Gründächer (0–1)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Minimum roof face [m²]</source>
        <translation>Mindestgröße Dachfläche [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Minimum width [m]</source>
        <translation>Mindestbreite [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Net vegetation factor</source>
        <translation>Netto-Vegetationsfaktor</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="195"/>
        <source>Superstructure above the roof plane from [m]</source>
        <translation>Dachaufbau ab [m] über der Dachebene</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="228"/>
        <source>Class limits [°]</source>
        <translation>Klassengrenzen [°]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="231"/>
        <source>Coefficients table (key, value) overriding the defaults</source>
        <translation>Koeffiziententabelle (key, value), ersetzt die Standardwerte</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="445"/>
        <source>Roof faces</source>
        <translation>Dachflächen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="244"/>
        <source>Green-roof potential per building</source>
        <translation>Gründachpotenzial je Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="251"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="251"/>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="256"/>
        <source>Buildings analysed</source>
        <translation>Untersuchte Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="256"/>
        <source>Green-roof potential [m²]</source>
        <translation>Gründachpotenzial [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="256"/>
        <source>Retention [m³/a]</source>
        <translation>Rückhalt [m³/a]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="272"/>
        <source>The coefficients table needs the columns &apos;key&apos; and &apos;value&apos; (found: {f}).</source>
        <translation>Die Koeffiziententabelle braucht die Spalten 'key' und 'value' (gefunden: {f}).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="285"/>
        <source>Coefficient &apos;{k}&apos;: &apos;{v}&apos; is not a number.</source>
        <translation>Koeffizient '{k}': '{v}' ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="289"/>
        <source>Unknown coefficient &apos;{k}&apos;. Known keys: {keys}</source>
        <translation>Unbekannter Koeffizient '{k}'. Bekannte Schlüssel: {keys}</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="298"/>
        <source>No building footprints were given.</source>
        <translation>Es wurden keine Gebäudegrundrisse angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="305"/>
        <source>The building layer has no usable footprints (it is empty or all geometries are empty). Check the layer and its selection.</source>
        <translation>Der Gebäude-Layer enthält keine verwendbaren Grundrisse (er ist leer oder alle Geometrien sind leer). Prüfen Sie den Layer und seine Auswahl.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="343"/>
        <source>The raster &apos;{n}&apos; must be a file-based raster (GDAL).</source>
        <translation>Das Raster '{n}' muss ein dateibasiertes Raster (GDAL) sein.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="372"/>
        <source>No DSM was given.</source>
        <translation>Es wurde kein DOM angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="378"/>
        <source>The DSM cells must be square ({dx:g} × {dy:g} m): resample it first.</source>
        <translation>Die DOM-Zellen müssen quadratisch sein ({dx:g} × {dy:g} m): bitte zuerst neu rastern.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="357"/>
        <source>Class limits must be four ascending angles in degrees, e.g. &apos;5,15,30,45&apos;.</source>
        <translation>Die Klassengrenzen müssen vier aufsteigende Winkel in Grad sein, z. B. '5,15,30,45'.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="390"/>
        <source>{n} footprints, DSM {c} × {r} cells of {d:g} m</source>
        <translation>{n} Grundrisse, DOM {c} × {r} Zellen zu {d:g} m</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="396"/>
        <source>Tip: with numba installed the roof segmentation runs about 3 times faster (same results).</source>
        <translation>Tipp: mit installiertem numba läuft die Dachsegmentierung etwa dreimal schneller (gleiche Ergebnisse).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="446"/>
        <source>Green-roof potential</source>
        <translation>Gründachpotenzial</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/greenroofs.py" line="462"/>
        <source>{n} buildings, {a:,.0f} m² green-roof potential, {r:,.0f} m³/a retention. Structural capacity must be checked for each roof.</source>
        <translation>{n} Gebäude, {a:,.0f} m² Gründachpotenzial, {r:,.0f} m³/a Rückhalt. Die Statik ist für jedes Dach individuell zu prüfen.</translation>
    </message>
</context>
<context>
    <name>ImportFeedbackAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="33"/>
        <source>Import citizen feedback (Bürgerbeteiligung importieren)</source>
        <translation>Bürgerbeteiligung importieren</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="76"/>
        <source>Source (address or file)</source>
        <translation>Quelle (Adresse oder Datei)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="77"/>
        <source>Source type</source>
        <translation>Quelltyp</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="82"/>
        <source>Project id (DIPAS) or name</source>
        <translation>Projekt-ID (DIPAS) oder Name</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="85"/>
        <source>With comments</source>
        <translation>Mit Kommentaren</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="86"/>
        <source>PDS address or file for the locations of a CSV export</source>
        <translation>PDS-Adresse oder Datei mit den Orten eines CSV-Exports</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="91"/>
        <source>Field mapping (JSON)</source>
        <translation>Feldzuordnung (JSON)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="101"/>
        <source>Participation GeoPackage</source>
        <translation>Beteiligungs-GeoPackage</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="101"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="106"/>
        <source>Added</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="106"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="106"/>
        <source>Withdrawn</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="106"/>
        <source>Active contributions</source>
        <translation>Aktive Beiträge</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="106"/>
        <source>Without location</source>
        <translation>Ohne Ort</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="118"/>
        <source>No source was given.</source>
        <translation>Es wurde keine Quelle angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="132"/>
        <source>other / none</source>
        <translation>sonstige / keine</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="159"/>
        <source>Contributions (points)</source>
        <translation>Beiträge (Punkte)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="160"/>
        <source>Contributions (lines)</source>
        <translation>Beiträge (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="161"/>
        <source>Contributions (areas)</source>
        <translation>Beiträge (Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="44"/>
        <source>&lt;p&gt;Imports contributions of a participation procedure into a GeoPackage with one schema: point, line and area layers, a table of contributions without location, comments, category colours and icons, and an import log. The same importer runs in the SmartPlan panel and the planning-table mode.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sources:&lt;/b&gt; DIPAS PDS API (site address, e.g. https://beteiligung.hamburg, and PROJECT; with WITH_COMMENTS the comment threads), DIPAS Masterportal layer feed, DIPAS admin CSV export (JOIN_SOURCE: PDS address or file to get the locations on 'Node ID'), CoSI exports, OGC API – Features (follows next links), WFS 2.0 (paging), GeoJSON, GeoPackage, CSV. FIELD_MAPPING (JSON, e.g. {{&quot;title&quot;: &quot;Betreff&quot;, &quot;x&quot;: &quot;lon&quot;, &quot;y&quot;: &quot;lat&quot;}}) maps other files' columns; without it the columns are guessed.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Re-import&lt;/b&gt; into the same GeoPackage merges on (server, project, contribution id): changed contributions are updated, new ones added, vanished ones marked 'withdrawn' — never duplicated, never silently dropped. An empty answer where contributions are expected (DIPAS maintenance mode) changes nothing. A failed or cancelled import leaves the previous file intact.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Privacy:&lt;/b&gt; author and e-mail fields of other sources are stored but never shown in the public view or public exports. Texts are stored raw and as cleaned plain text.&lt;/p&gt;&lt;p&gt;Coordinates are recognised by their ranges (degrees, swapped lat/lon, UTM 32/33, Gauß-Krüger) and stored in EPSG:4326. UTM coordinates without a CRS that lie in Germany in both zones (x about 280–520 km) are taken in the zone of the QGIS project's CRS (EPSG:25832 or 25833), else in zone 32, and the log warns; &quot;crs&quot;: &quot;EPSG:25833&quot; in FIELD_MAPPING sets it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Network.&lt;/b&gt; Requests go through QGIS' network stack: its proxy settings (also the system proxy and exclusions), its SSL settings and certificate authorities. AUTH_CONFIG: a login saved in QGIS' authentication manager (Settings → Options → Authentication: basic login, API key header …); its password never appears in the project, the log or the store. Each request has {request_s} s in all (retries included), the whole import {import_s} s.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Importiert die Beiträge eines Beteiligungsverfahrens in ein GeoPackage mit einem einheitlichen Schema: Punkt-, Linien- und Flächen-Layer, eine Tabelle der Beiträge ohne Ort, Kommentare, Kategoriefarben und -symbole sowie ein Importprotokoll. Derselbe Importer arbeitet im SmartPlan-Bedienfeld und im Planungstisch-Modus.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Quellen:&lt;/b&gt; DIPAS-PDS-Schnittstelle (Adresse der Seite, z. B. https://beteiligung.hamburg, und PROJECT; mit WITH_COMMENTS die Kommentarverläufe), DIPAS-Masterportal-Layer, DIPAS-Admin-CSV-Export (JOIN_SOURCE: PDS-Adresse oder Datei, um die Orte über 'Node ID' zu ergänzen), CoSI-Exporte, OGC API – Features (folgt next-Links), WFS 2.0 (seitenweise), GeoJSON, GeoPackage, CSV. FIELD_MAPPING (JSON, z. B. {{&quot;title&quot;: &quot;Betreff&quot;, &quot;x&quot;: &quot;lon&quot;, &quot;y&quot;: &quot;lat&quot;}}) ordnet die Spalten anderer Dateien zu; ohne Zuordnung werden die Spalten erraten.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Erneuter Import&lt;/b&gt; in dasselbe GeoPackage führt über (Server, Projekt, Beitrags-ID) zusammen: geänderte Beiträge werden aktualisiert, neue ergänzt, verschwundene als 'withdrawn' (zurückgezogen) markiert — nie doppelt, nie stillschweigend gelöscht. Eine leere Antwort, obwohl Beiträge erwartet werden (DIPAS-Wartungsmodus), ändert nichts. Ein fehlgeschlagener oder abgebrochener Import lässt die bisherige Datei unverändert.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Datenschutz:&lt;/b&gt; Verfasser- und E-Mail-Felder anderer Quellen werden gespeichert, aber nie in der öffentlichen Ansicht oder in öffentlichen Exporten gezeigt. Texte werden im Original und als bereinigter reiner Text gespeichert.&lt;/p&gt;&lt;p&gt;Koordinaten werden an ihren Wertebereichen erkannt (Grad, vertauschte Breite/Länge, UTM 32/33, Gauß-Krüger) und in EPSG:4326 gespeichert. UTM-Koordinaten ohne Bezugssystem, die in beiden Zonen in Deutschland liegen (x etwa 280–520 km), werden in der Zone des Bezugssystems des QGIS-Projekts (EPSG:25832 oder 25833) gelesen, sonst in Zone 32, und das Protokoll warnt; &quot;crs&quot;: &quot;EPSG:25833&quot; in FIELD_MAPPING legt es fest.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Netzwerk.&lt;/b&gt; Anfragen laufen über den Netzwerkzugang von QGIS: seine Proxy-Einstellungen (auch der System-Proxy und Ausnahmen), seine SSL-Einstellungen und Zertifizierungsstellen. AUTH_CONFIG: eine in der Authentifizierungsverwaltung von QGIS gespeicherte Anmeldung (Einstellungen → Optionen → Authentifizierung: Benutzername und Passwort, API-Schlüssel im Header …); ihr Passwort erscheint nie im Projekt, im Protokoll oder im GeoPackage. Jede Anfrage hat insgesamt {request_s} s (Wiederholungen eingeschlossen), der ganze Import {import_s} s.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/importfeedback.py" line="96"/>
        <source>Saved login (QGIS authentication)</source>
        <translation>Gespeicherte Anmeldung (QGIS-Authentifizierung)</translation>
    </message>
</context>
<context>
    <name>ImportTab</name>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="106"/>
        <source>Source type</source>
        <translation>Quelltyp</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="110"/>
        <source>https://beteiligung.… or a file</source>
        <translation>https://beteiligung.… oder eine Datei</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="113"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="117"/>
        <source>Address or file</source>
        <translation>Adresse oder Datei</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="122"/>
        <source>Saved login</source>
        <translation>Gespeicherte Anmeldung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="123"/>
        <source>Load projects</source>
        <translation>Projekte abrufen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="130"/>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="131"/>
        <source>with comments</source>
        <translation>mit Kommentaren</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="134"/>
        <source>for a CSV export: PDS address or file with the locations</source>
        <translation>für einen CSV-Export: PDS-Adresse oder Datei mit den Orten</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="137"/>
        <source>Locations from</source>
        <translation>Orte aus</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="141"/>
        <source>participation GeoPackage (.gpkg)</source>
        <translation>Beteiligungs-GeoPackage (.gpkg)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="146"/>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="149"/>
        <source>Field mapping…</source>
        <translation>Feldzuordnung…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="152"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="156"/>
        <source>Open GeoPackage…</source>
        <translation>GeoPackage öffnen…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="166"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="172"/>
        <source>Import a participation procedure (DIPAS or another source) or open an existing participation GeoPackage.</source>
        <translation>Importieren Sie ein Beteiligungsverfahren (DIPAS oder eine andere Quelle) oder öffnen Sie ein vorhandenes Beteiligungs-GeoPackage.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="184"/>
        <source>Feedback file</source>
        <translation>Datei mit Bürgerhinweisen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="184"/>
        <source>Feedback files (*.geojson *.json *.csv *.gpkg *.txt)</source>
        <translation>Beteiligungsdateien (*.geojson *.json *.csv *.gpkg *.txt)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="204"/>
        <source>Participation GeoPackage</source>
        <translation>Beteiligungs-GeoPackage</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="229"/>
        <source>DIPAS sources need no field mapping.</source>
        <translation>DIPAS-Quellen brauchen keine Feldzuordnung.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="253"/>
        <source>Enter the address of a DIPAS site first.</source>
        <translation>Geben Sie zuerst die Adresse einer DIPAS-Seite ein.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="261"/>
        <source>Loading DIPAS projects</source>
        <translation>DIPAS-Projekte werden abgerufen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="266"/>
        <source>{name} — {phase}, {start} to {end}, {n} contributions</source>
        <translation>{name} — {phase}, {start} bis {end}, {n} Beiträge</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="278"/>
        <source>{n} projects found.</source>
        <translation>{n} Projekte gefunden.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="289"/>
        <source>Enter an address or choose a file first.</source>
        <translation>Geben Sie zuerst eine Adresse ein oder wählen Sie eine Datei.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="305"/>
        <source>other / none</source>
        <translation>sonstige / keine</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="331"/>
        <source>Importing citizen feedback</source>
        <translation>Bürgerhinweise werden importiert</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/import_tab.py" line="344"/>
        <source>Another import is still running.</source>
        <translation>Ein anderer Import läuft noch.</translation>
    </message>
</context>
<context>
    <name>InstallAcceleratorAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="20"/>
        <source>Install accelerator (numba)</source>
        <translation>Beschleuniger installieren (numba)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="38"/>
        <source>Package index (empty: PyPI; e.g. the municipality&apos;s mirror)</source>
        <translation>Paketindex (leer: PyPI; z. B. der Spiegel der Kommune)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="45"/>
        <source>numba version</source>
        <translation>numba-Version</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="46"/>
        <source>Accelerator folder</source>
        <translation>Ordner des Beschleunigers</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="54"/>
        <source>This Python has no pip: fetching pip&apos;s wheel from PyPI.</source>
        <translation>Dieses Python hat kein pip: das pip-Wheel wird von PyPI geladen.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="61"/>
        <source>Python of this QGIS: {p}</source>
        <translation>Python dieses QGIS: {p}</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="74"/>
        <source>The accelerator could not be installed: {e}</source>
        <translation>Der Beschleuniger konnte nicht installiert werden: {e}</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="79"/>
        <source>numba {v} is installed and active; the raster algorithms now run compiled (also in qgis_process).</source>
        <translation>numba {v} ist installiert und aktiv; die Raster-Algorithmen laufen jetzt kompiliert (auch in qgis_process).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="86"/>
        <source>numba {v} is installed in {f}; restart QGIS to use it.</source>
        <translation>numba {v} ist in {f} installiert; starten Sie QGIS neu, um es zu verwenden.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="93"/>
        <source>No Python {version} with numpy {numpy} (the Python of this QGIS) was found to run pip with. On Windows use the OSGeo4W Shell; on Linux install python3-pip.</source>
        <translation>Es wurde kein Python {version} mit numpy {numpy} (das Python dieses QGIS) gefunden, mit dem pip laufen kann. Unter Windows die OSGeo4W-Shell verwenden; unter Linux python3-pip installieren.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="97"/>
        <source>{python} has no pip and pip could not be fetched.</source>
        <translation>{python} hat kein pip, und pip konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="102"/>
        <source>numba was installed but does not work with this QGIS&apos; numpy: {error}. Nothing was changed.</source>
        <translation>numba wurde installiert, arbeitet aber nicht mit dem numpy dieses QGIS: {error}. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="105"/>
        <source>The download of {url} is damaged (checksum). Try again.</source>
        <translation>Der Download von {url} ist beschädigt (Prüfsumme). Bitte erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="106"/>
        <source>Cancelled: no outputs were written.</source>
        <translation>Abgebrochen: es wurden keine Ausgaben geschrieben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="23"/>
        <source>Installs numba, which compiles SmartPlan&apos;s sequential hydrology kernels (Priority-Flood, flats, flow paths): the raster algorithms run about 5-27 times faster with the same results. pip installs a numba that fits the numpy of this QGIS into a folder of the QGIS profile ({folder}), one per Python and numpy version; the system Python is not changed, and deleting the folder undoes it. Active at once in this QGIS and in qgis_process. Needs access to PyPI or to the package index given below; the proxy of QGIS&apos; network settings is used.</source>
        <translation>Installiert numba, das die sequentiellen Hydrologie-Kerne von SmartPlan (Priority-Flood, Flachstellen, Fließwege) kompiliert: die Raster-Algorithmen laufen etwa 5- bis 27-mal schneller, mit denselben Ergebnissen. pip installiert ein zum numpy dieses QGIS passendes numba in einen Ordner des QGIS-Profils ({folder}), je Python- und numpy-Version einen; das System-Python bleibt unverändert, Löschen des Ordners macht es rückgängig. Sofort aktiv in diesem QGIS und in qgis_process. Braucht Zugang zu PyPI oder zum unten angegebenen Paketindex; der Proxy aus den QGIS-Netzwerkeinstellungen wird verwendet.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="23"/>
        <source>Headless: qgis_process run smartplan:installaccelerator</source>
        <translation>Ohne Oberfläche: qgis_process run smartplan:installaccelerator</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/installaccelerator.py" line="98"/>
        <source>pip could not install numba (is PyPI or the package index reachable?). Its last lines:</source>
        <translation>pip konnte numba nicht installieren (sind PyPI oder der Paketindex erreichbar?). Die letzten Zeilen:</translation>
    </message>
</context>
<context>
    <name>LinkExportTabs</name>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="41"/>
        <source>Count the contributions near the objects of an analysis layer: sinks, flow paths, flooded areas, green-roof candidates.</source>
        <translation>Beiträge in der Nähe der Objekte eines Analyse-Layers zählen: Senken, Fließwege, überflutete Flächen, Gründach-Kandidaten.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="56"/>
        <source>Analysis layer</source>
        <translation>Analyse-Layer</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="62"/>
        <source>Distance</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="64"/>
        <source>Count citizen feedback per object</source>
        <translation>Bürgerhinweise je Objekt zählen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="70"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="70"/>
        <source>Contributions</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="70"/>
        <source>Top category</source>
        <translation>Häufigste Kategorie</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="84"/>
        <source>Import feedback and choose an analysis layer first.</source>
        <translation>Importieren Sie zuerst Bürgerhinweise und wählen Sie einen Analyse-Layer.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="106"/>
        <source>Citizen feedback per object – {n}</source>
        <translation>Bürgerhinweise je Objekt – {n}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="115"/>
        <source>{n} objects have citizen feedback within {d:g} m.</source>
        <translation>{n} Objekte haben Bürgerhinweise im Umkreis von {d:g} m.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="176"/>
        <source>Public view: only allow-listed fields (never author or e-mail)</source>
        <translation>Öffentliche Ansicht: nur freigegebene Felder (nie Verfasser oder E-Mail)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="181"/>
        <source>Hide e-mail addresses and phone numbers in texts</source>
        <translation>E-Mail-Adressen und Telefonnummern in Texten unkenntlich machen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="186"/>
        <source>Exports contain the contributions of the current filter.</source>
        <translation>Exporte enthalten die Beiträge des aktuellen Filters.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="187"/>
        <source>Export to GeoPackage…</source>
        <translation>Als GeoPackage exportieren…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="187"/>
        <source>Export to CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="187"/>
        <source>Export to GeoJSON…</source>
        <translation>Als GeoJSON exportieren…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="196"/>
        <source>One-page summary (PDF/PNG)…</source>
        <translation>Zusammenfassung auf einer Seite (PDF/PNG)…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="205"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="220"/>
        <source>{n} contributions exported to {p}</source>
        <translation>{n} Beiträge exportiert nach {p}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="228"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="242"/>
        <source>Filter: {f}</source>
        <translation>Filter: {f}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="243"/>
        <source>Citizen feedback – summary</source>
        <translation>Bürgerhinweise – Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/link_export_tabs.py" line="252"/>
        <source>Summary written to {p}</source>
        <translation>Zusammenfassung gespeichert: {p}</translation>
    </message>
</context>
<context>
    <name>MapTexts</name>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="202"/>
        <source>Data: {layers}. Made with SmartPlan.</source>
        <translation>Daten: {layers}. Erstellt mit SmartPlan.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="205"/>
        <source>Limits: topographic screening (DWA-M 119, tier 2): sinks fill from their own catchment, no sewer hydraulics beyond the sewer deduction, no flow velocities. Not a flood hazard map; check on site.</source>
        <translation>Grenzen: topografische Gefährdungsanalyse (DWA-M 119, Stufe 2): Senken füllen sich aus ihrem eigenen Einzugsgebiet, keine Kanalhydraulik über den Kanalabzug hinaus, keine Fließgeschwindigkeiten. Keine Gefahrenkarte; vor Ort prüfen.</translation>
    </message>
</context>
<context>
    <name>NotwasserwegeAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="35"/>
        <source>Emergency flow routes (Notwasserwege)</source>
        <translation>Notwasserwege</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="57"/>
        <source>Flow paths (smartplan:flowpaths)</source>
        <translation>Fließwege (smartplan:flowpaths)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="64"/>
        <source>Roads (lines)</source>
        <translation>Straßen (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="69"/>
        <source>Open space (polygons)</source>
        <translation>Freiflächen (Polygone)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="77"/>
        <source>Safe target areas (green spaces, retention areas)</source>
        <translation>Sichere Zielflächen (Grünflächen, Retentionsflächen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="85"/>
        <source>Name field of the targets</source>
        <translation>Namensfeld der Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="93"/>
        <source>Buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="98"/>
        <source>Underpasses (lines)</source>
        <translation>Unterführungen (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="106"/>
        <source>Sensitive sites (points or polygons)</source>
        <translation>Sensible Einrichtungen (Punkte oder Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="114"/>
        <source>A flow path runs along a road within [m]</source>
        <translation>Ein Fließweg verläuft entlang einer Straße innerhalb von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="123"/>
        <source>Conflict with a sensitive site within [m]</source>
        <translation>Konflikt mit einer sensiblen Einrichtung innerhalb von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="132"/>
        <source>Shortest route part kept [m]</source>
        <translation>Kürzester ausgegebener Wegabschnitt [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="240"/>
        <source>Emergency flow routes</source>
        <translation>Notwasserwege</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="241"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="151"/>
        <source>Candidate routes</source>
        <translation>Vorgeschlagene Notwasserwege</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="166"/>
        <source>No flow paths were given.</source>
        <translation>Es wurden keine Fließwege angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="170"/>
        <source>The flow path layer lacks the field &apos;{f}&apos;: use the FLOWPATHS output of smartplan:flowpaths.</source>
        <translation>Dem Fließweg-Layer fehlt das Feld '{f}': verwenden Sie die Ausgabe FLOWPATHS von smartplan:flowpaths.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="222"/>
        <source>Give target areas (green spaces, retention areas) or open space: emergency flow routes must end in a safe target.</source>
        <translation>Geben Sie Zielflächen (Grünflächen, Retentionsflächen) oder Freiflächen an: Notwasserwege müssen in einem sicheren Ziel enden.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/notwasserwege.py" line="38"/>
        <source>&lt;p&gt;Candidate emergency flow routes (Notwasserwege): stretches of the flow paths that run along roads or open space and lead the water to a safe target (green space, retention area) — as Essen puts it, water masses are guided over roads and emergency flow routes into green areas and open spaces. The result is an editable line layer for planners (status 'candidate'; set it to 'confirmed' or 'rejected').&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; A flow-path segment (smartplan:flowpaths, not across filled sinks) is split into the parts inside the guide area (roads buffered by ROAD_BUFFER_M, and open space) and outside it. A part is a candidate when the flow path, followed downstream segment by segment (also into and across filled sinks), reaches a target area; target names the first target reached. Without targets, open space serves as target. Conflicts are where flow paths cross buildings, underpasses or come within SENSITIVE_DISTANCE_M of sensitive sites; they are returned as points and flagged on the routes upstream of them.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; A planning aid from the topographic screening: check kerbs, gradients and inlets on site.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Vorschläge für Notwasserwege: Abschnitte der Fließwege, die entlang von Straßen oder Freiflächen verlaufen und das Wasser zu einem sicheren Ziel führen (Grünfläche, Retentionsfläche) — wie Essen es beschreibt: Wassermassen über Straßen und Notwasserwege in Grünbereiche und auf Freiflächen lenken. Ergebnis ist ein bearbeitbarer Linienlayer für die Planung (status 'candidate'; auf 'confirmed' oder 'rejected' setzen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Ein Fließwegabschnitt (smartplan:flowpaths, nicht durch gefüllte Senken) wird in die Teile innerhalb der Leitfläche (Straßen mit ROAD_BUFFER_M gepuffert und Freiflächen) und außerhalb geteilt. Ein Teil ist ein Vorschlag, wenn der Fließweg, Abschnitt für Abschnitt nach unten verfolgt (auch in und durch gefüllte Senken), eine Zielfläche erreicht; target nennt das erste erreichte Ziel. Ohne Ziele dienen Freiflächen als Ziel. Konflikte sind Stellen, an denen Fließwege Gebäude oder Unterführungen kreuzen oder sensiblen Einrichtungen näher als SENSITIVE_DISTANCE_M kommen; sie werden als Punkte ausgegeben und an den Wegen oberhalb vermerkt.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Eine Planungshilfe aus dem topografischen Screening: Bordsteine, Gefälle und Einläufe vor Ort prüfen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RainScenarioAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="33"/>
        <source>Heavy-rain scenario (fill and spill)</source>
        <translation>Starkregen-Szenario (Füllen und Überlaufen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="37"/>
        <source>rare (selten): T = 30 a, D = 1 h</source>
        <translation>selten: T = 30 a, D = 1 h</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="38"/>
        <source>exceptional (außergewöhnlich): T = 100 a, D = 1 h</source>
        <translation>außergewöhnlich: T = 100 a, D = 1 h</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="39"/>
        <source>extreme (extrem): {rain_extrem} mm in 1 h</source>
        <translation>extrem: {rain_extrem} mm in 1 h</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="40"/>
        <source>user-defined (benutzerdefiniert)</source>
        <translation>benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="44"/>
        <source>&lt;p&gt;Fills the sinks of a terrain model with a block rain and lets full sinks spill into the next sink downstream (Arc-Malstrøm / Bluespot cascade, Balstrøm &amp;amp; Crawford 2018), upstream first.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rain.&lt;/b&gt; Enter the local KOSTRA-DWD-2020 depth for D = 1 h in &lt;i&gt;Rain depth&lt;/i&gt; (NRW Arbeitshilfe: selten T = 30 a, außergewöhnlich T = 100 a; extrem {rain_extrem} mm/1 h). Without a value the scenario uses an example: Hamburg {rain_selten} mm (SRI 5), {rain_aussergewoehnlich} mm (SRI 7), {rain_extrem} mm (NRW). Effective rain h&lt;sub&gt;eff&lt;/sub&gt; = ψ·h&lt;sub&gt;N&lt;/sub&gt; − h&lt;sub&gt;sewer&lt;/sub&gt;; ψ = {psi} is the conservative default, a ψ raster overrides it per cell.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cascade.&lt;/b&gt; V&lt;sub&gt;in&lt;/sub&gt; = rain on the local catchment + spill of upstream sinks; stored = min(V&lt;sub&gt;in&lt;/sub&gt;, V); spill = V&lt;sub&gt;in&lt;/sub&gt; − stored. The water level follows the sink's hypsometric curve (level pool from the lowest cell). Mass balance: rain = stored + left the map (both reported).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; Final state after the rain, no time dimension, no sewer unless h&lt;sub&gt;sewer&lt;/sub&gt; &amp;gt; 0, D8 single flow direction. A screening, not a 2D simulation.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Füllt die Senken eines Geländemodells mit einem Blockregen; volle Senken laufen in die nächste Senke unterstrom über (Kaskade nach Arc-Malstrøm / Bluespot, Balstrøm &amp;amp; Crawford 2018), von oben nach unten.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Regen.&lt;/b&gt; Tragen Sie bei &lt;i&gt;Regenhöhe&lt;/i&gt; den örtlichen KOSTRA-DWD-2020-Wert für D = 1 h ein (NRW-Arbeitshilfe: selten T = 30 a, außergewöhnlich T = 100 a; extrem {rain_extrem} mm/1 h). Ohne Wert nutzt das Szenario ein Beispiel: Hamburg {rain_selten} mm (SRI 5), {rain_aussergewoehnlich} mm (SRI 7), {rain_extrem} mm (NRW). Effektiver Regen h&lt;sub&gt;eff&lt;/sub&gt; = ψ·h&lt;sub&gt;N&lt;/sub&gt; − h&lt;sub&gt;Kanal&lt;/sub&gt;; ψ = {psi} ist der konservative Standard, ein ψ-Raster ersetzt ihn zellweise.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Kaskade.&lt;/b&gt; V&lt;sub&gt;zu&lt;/sub&gt; = Regen auf dem lokalen Einzugsgebiet + Überlauf der oberen Senken; gespeichert = min(V&lt;sub&gt;zu&lt;/sub&gt;, V); Überlauf = V&lt;sub&gt;zu&lt;/sub&gt; − gespeichert. Der Wasserstand folgt der hypsometrischen Kurve der Senke (Füllung von der tiefsten Zelle). Volumenbilanz: Regen = gespeichert + abgeflossen (beides wird ausgegeben).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Endzustand nach dem Regen, keine Zeitdimension, keine Kanalisation außer h&lt;sub&gt;Kanal&lt;/sub&gt; &amp;gt; 0, D8-Einzelfließrichtung. Ein Screening, keine 2D-Simulation.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="69"/>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="77"/>
        <source>Rain depth [mm] (local KOSTRA-DWD-2020 value)</source>
        <translation>Regenhöhe [mm] (örtlicher KOSTRA-DWD-2020-Wert)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="87"/>
        <source>Runoff coefficient ψ</source>
        <translation>Abflussbeiwert ψ</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="97"/>
        <source>Runoff coefficient raster ψ (optional, overrides the constant)</source>
        <translation>Abflussbeiwert-Raster ψ (optional, ersetzt den festen Wert)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="104"/>
        <source>Sewer capacity deduction [mm]</source>
        <translation>Abzug Kanalkapazität [mm]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="240"/>
        <source>Water depth</source>
        <translation>Wassertiefe</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="241"/>
        <source>Flooded sinks</source>
        <translation>Überflutete Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="242"/>
        <source>Spill network</source>
        <translation>Überlaufnetz</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="124"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="124"/>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="129"/>
        <source>Effective rain volume [m³]</source>
        <translation>Effektives Regenvolumen [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="129"/>
        <source>Water stored in sinks [m³]</source>
        <translation>In Senken gespeichertes Wasser [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="129"/>
        <source>Water leaving the map [m³]</source>
        <translation>Aus der Karte abfließendes Wasser [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="129"/>
        <source>Rain depth used [mm]</source>
        <translation>Verwendete Regenhöhe [mm]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="145"/>
        <source>The user-defined scenario needs a rain depth: enter RAIN_MM in mm.</source>
        <translation>Das benutzerdefinierte Szenario braucht eine Regenhöhe: RAIN_MM in mm angeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="147"/>
        <source>No rain depth given: using the example value {v:g} mm (Hamburg). Enter your local KOSTRA-DWD-2020 value for D = 1 h.</source>
        <translation>Keine Regenhöhe angegeben: es wird der Beispielwert {v:g} mm (Hamburg) verwendet. Tragen Sie Ihren örtlichen KOSTRA-DWD-2020-Wert für D = 1 h ein.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="204"/>
        <source>Filling depressions and routing flow …</source>
        <translation>Senken füllen und Abfluss berechnen …</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/rainscenario.py" line="232"/>
        <source>Rain {r:,.1f} m³ = stored {s:,.1f} m³ + left the map {o:,.1f} m³ + no outlet {u:,.1f} m³ (difference {e:.3g} m³)</source>
        <translation>Regen {r:,.1f} m³ = gespeichert {s:,.1f} m³ + abgeflossen {o:,.1f} m³ + ohne Abfluss {u:,.1f} m³ (Differenz {e:.3g} m³)</translation>
    </message>
</context>
<context>
    <name>RasterMessages</name>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="151"/>
        <source>The DEM has a geographic coordinate system ({crs}): distances and areas would be in degrees. Reproject it to a projected CRS in metres first, e.g. with &apos;Warp (reproject)&apos; to EPSG:25832 (ETRS89 / UTM 32N) or EPSG:25833.</source>
        <translation>Das DGM hat ein geografisches Koordinatensystem ({crs}): Abstände und Flächen wären in Grad. Projizieren Sie es zuerst in ein metrisches KBS, z. B. mit 'Verzerren (Reprojizieren)' nach EPSG:25832 (ETRS89 / UTM 32N) oder EPSG:25833.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="156"/>
        <source>The DEM has no coordinate reference system. Assign its projected CRS in metres (e.g. EPSG:25832) with &apos;Assign projection&apos; and try again.</source>
        <translation>Das DGM hat kein Koordinatenbezugssystem. Weisen Sie sein metrisches KBS (z. B. EPSG:25832) mit 'Projektion zuweisen' zu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="160"/>
        <source>The DEM&apos;s CRS uses &apos;{units}&apos; as unit. SmartPlan needs a projected CRS in metres: reproject the DEM first.</source>
        <translation>Das KBS des DGM hat die Einheit '{units}'. SmartPlan braucht ein projiziertes KBS in Metern: projizieren Sie das DGM zuerst um.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="164"/>
        <source>The raster is rotated (its geotransform has rotation terms): its cells would be placed wrongly. Warp it to a north-up grid first (&apos;Warp (reproject)&apos;).</source>
        <translation>Das Raster ist gedreht (seine Geotransformation hat Drehterme): seine Zellen lägen falsch. Bringen Sie es zuerst auf ein nordausgerichtetes Gitter („Verzerren (Reprojizieren)“).</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="169"/>
        <source>The DEM contains only NoData cells: there is nothing to analyse. Check the file and its NoData value.</source>
        <translation>Das DGM enthält nur NoData-Zellen: es gibt nichts zu analysieren. Prüfen Sie die Datei und ihren NoData-Wert.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="173"/>
        <source>The raster cannot be read by GDAL: {path} {error}</source>
        <translation>GDAL kann das Raster nicht lesen: {path} {error}</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="191"/>
        <source>The DGM is too large for live figures here ({cells:,} cells): clip it to the workshop area (e.g. one district, about 4 million cells) and start again.</source>
        <translation>Das DGM ist für Live-Kennzahlen hier zu groß ({cells:,} Zellen): schneiden Sie es auf das Werkstattgebiet zu (z. B. einen Stadtteil, etwa 4 Millionen Zellen) und starten Sie neu.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="174"/>
        <source>The runoff coefficient raster must hold values between 0 and 1.</source>
        <translation>Das Abflussbeiwert-Raster muss Werte zwischen 0 und 1 enthalten.</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/messages.py" line="175"/>
        <source>The DEM has {cells:,} cells; this analysis needs about {need_gb:.1f} GB of memory but only {avail_gb:.1f} GB are available (limit here: about {max_cells:,} cells). Run it on the city-scale path, exact and in bounded memory: &apos;Depression filling, city scale&apos; (smartplan:filltiled; &apos;Depression analysis&apos;, &apos;Heavy-rain scenario&apos; and &apos;Overland flow paths&apos; switch to it by themselves), or choose a smaller extent.</source>
        <translation>Das DGM hat {cells:,} Zellen; diese Analyse braucht etwa {need_gb:.1f} GB Arbeitsspeicher, verfügbar sind nur {avail_gb:.1f} GB (Grenze hier: etwa {max_cells:,} Zellen). Rechnen Sie stadtweit, exakt und mit begrenztem Speicher: „Senkenfüllung stadtweit“ (smartplan:filltiled; „Senkenanalyse“, „Starkregen-Szenario“ und „Fließwege“ wechseln von selbst dorthin), oder wählen Sie einen kleineren Ausschnitt.</translation>
    </message>
</context>
<context>
    <name>ScenarioReport</name>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="23"/>
        <source>Effective rain on the area</source>
        <translation>Effektiver Regen auf der Fläche</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="24"/>
        <source>Stored in sinks</source>
        <translation>In Senken gespeichert</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="25"/>
        <source>Left the map</source>
        <translation>Aus der Karte abgeflossen</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="26"/>
        <source>Areas without outlet</source>
        <translation>Flächen ohne Abfluss</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="27"/>
        <source>Balance difference</source>
        <translation>Bilanzdifferenz</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="28"/>
        <source>Sinks full / partly filled / total</source>
        <translation>Senken voll / teilgefüllt / gesamt</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="31"/>
        <source>sink</source>
        <translation>Senke</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="32"/>
        <source>volume m³</source>
        <translation>Volumen m³</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="33"/>
        <source>stored m³</source>
        <translation>gespeichert m³</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="34"/>
        <source>fill %</source>
        <translation>Füllung %</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="35"/>
        <source>spill m³</source>
        <translation>Überlauf m³</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="36"/>
        <source>buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="49"/>
        <source>rain depth {v:g} mm</source>
        <translation>Regenhöhe {v:g} mm</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="50"/>
        <source>Heavy-rain scenario (fill and spill)</source>
        <translation>Starkregen-Szenario (Füllen und Überlaufen)</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="50"/>
        <source>Water balance</source>
        <translation>Wasserbilanz</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="50"/>
        <source>Sinks storing the most water</source>
        <translation>Senken mit dem meisten Wasser</translation>
    </message>
    <message>
        <location filename="../smartplan/analysis/scenario_report.py" line="50"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
</context>
<context>
    <name>SmartPlanAlgorithm</name>
    <message>
        <location filename="../smartplan/processing/base.py" line="118"/>
        <source>Heavy rain (Starkregen)</source>
        <translation>Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="413"/>
        <source>Digital terrain model (DGM), projected CRS in metres</source>
        <translation>Digitales Geländemodell (DGM), projiziertes KBS in Metern</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="418"/>
        <source>Buildings (raised as obstacles)</source>
        <translation>Gebäude (als Hindernisse angehoben)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="426"/>
        <source>Raise buildings by [m]</source>
        <translation>Gebäude anheben um [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="435"/>
        <source>Building height field (overrides the raise per building)</source>
        <translation>Feld Gebäudehöhe (ersetzt die Anhebung je Gebäude)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="444"/>
        <source>Enclosed NoData holes drain (otherwise they are walls)</source>
        <translation>Eingeschlossene NoData-Löcher entwässern (sonst sind sie Wände)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="566"/>
        <source>No DEM was given.</source>
        <translation>Es wurde kein DGM angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="568"/>
        <source>The DEM must be a file-based raster (GDAL); &apos;{p}&apos; layers are not supported. Save it as GeoTIFF first.</source>
        <translation>Das DGM muss ein dateibasiertes Raster (GDAL) sein; '{p}'-Layer werden nicht unterstützt. Speichern Sie es zuerst als GeoTIFF.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="583"/>
        <source>DEM: {c} × {r} cells of {dx:g} × {dy:g} m, {v:,} with data</source>
        <translation>DGM: {c} × {r} Zellen zu {dx:g} × {dy:g} m, {v:,} mit Daten</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="589"/>
        <source>{n} buildings raised as obstacles ({c:,} cells)</source>
        <translation>{n} Gebäude als Hindernisse angehoben ({c:,} Zellen)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="158"/>
        <source>Cancelled: no outputs were written.</source>
        <translation>Abgebrochen: es wurden keine Ergebnisse geschrieben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="119"/>
        <source>Green roofs (Gründächer)</source>
        <translation>Gründächer</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="120"/>
        <source>Citizen participation (Bürgerbeteiligung)</source>
        <translation>Bürgerbeteiligung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="549"/>
        <source>The buildings layer has no coordinate reference system: it is taken to be in the DEM&apos;s CRS ({crs}). Assign its CRS if the buildings are misplaced.</source>
        <translation>Der Gebäudelayer hat kein Koordinatenbezugssystem: er wird im KBS des DGM ({crs}) angenommen. Weisen Sie sein KBS zu, falls die Gebäude falsch liegen.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="460"/>
        <source>Minimum max. depth [m]</source>
        <translation>Mindest-Maximaltiefe [m]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="461"/>
        <source>Minimum area [m²]</source>
        <translation>Mindestfläche [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="462"/>
        <source>Minimum volume [m³]</source>
        <translation>Mindestvolumen [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="463"/>
        <source>Minimum local catchment [m²]</source>
        <translation>Mindestgröße lokales Einzugsgebiet [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="498"/>
        <source>City-scale path: tile size [cells per side] (0: only when the DEM does not fit in memory)</source>
        <translation>Stadtweiter Weg: Kachelgröße [Zellen je Seite] (0: nur wenn das DGM nicht in den Speicher passt)</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="266"/>
        <source>another output ({name})</source>
        <translation>eine andere Ausgabe ({name})</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="266"/>
        <source>the input {name}</source>
        <translation>die Eingabe {name}</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="269"/>
        <source>The output {out} would be written to {path}, which is {kind}: it would be overwritten. Choose another file name for {out}.</source>
        <translation>Die Ausgabe {out} würde nach {path} geschrieben, das ist {kind}: sie würde überschrieben. Wählen Sie für {out} einen anderen Dateinamen.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="121"/>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="218"/>
        <source>Accelerator: numba {v} active, the kernels run compiled.</source>
        <translation>Beschleuniger: numba {v} aktiv, die Kerne laufen kompiliert.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="222"/>
        <source>Accelerator: not active, the kernels run on numpy/scipy (same results, about 5-27 times slower on large DEMs). To enable it: SmartPlan panel → 'Install accelerator', or run 'Install accelerator (numba)' (qgis_process run smartplan:installaccelerator).</source>
        <translation>Beschleuniger: nicht aktiv, die Kerne laufen mit numpy/scipy (gleiche Ergebnisse, auf großen DGMs etwa 5- bis 27-mal langsamer). Aktivieren: SmartPlan-Panel → „Beschleuniger installieren“ oder „Beschleuniger installieren (numba)“ ausführen (qgis_process run smartplan:installaccelerator).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="601"/>
        <source>The DEM declares no NoData value, but {n:,} cells hold {v:g}, more than 1000 m below all other cells: they are taken as NoData. Declare it to be sure (Raster → Conversion → Translate with 'Assign a specified NoData value', or gdal_translate -a_nodata {v:g}).</source>
        <translation>Das DGM gibt keinen NoData-Wert an, aber {n:,} Zellen haben den Wert {v:g}, mehr als 1000 m unter allen anderen Zellen: sie werden als NoData behandelt. Geben Sie den Wert sicherheitshalber an (Raster → Konvertierung → Übersetzen mit „Angegebenen NoData-Wert zuweisen“ oder gdal_translate -a_nodata {v:g}).</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="197"/>
        <source>Not enough memory for this run. Close other programs or choose a smaller extent; for whole cities use &apos;Depression filling, city scale&apos; (smartplan:filltiled). No outputs were written.</source>
        <translation>Nicht genug Arbeitsspeicher für diesen Lauf. Schließen Sie andere Programme oder wählen Sie einen kleineren Ausschnitt; für ganze Städte „Senkenfüllung stadtweit“ (smartplan:filltiled) verwenden. Es wurden keine Ausgaben geschrieben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="202"/>
        <source>A file could not be read or written: {detail}. Check that the input files are complete (not truncated), that the output folder exists and is writable, that the disk has space and that no other program holds the files. No outputs were written.</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden: {detail}. Prüfen Sie, ob die Eingabedateien vollständig sind (nicht abgeschnitten), ob der Ausgabeordner existiert und beschreibbar ist, ob die Festplatte Platz hat und ob kein anderes Programm die Dateien offen hält. Es wurden keine Ausgaben geschrieben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="155"/>
        <source>Stopped by {signal}: no outputs were written.</source>
        <translation>Durch {signal} gestoppt: Es wurden keine Ergebnisse geschrieben.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="211"/>
        <source>Files this run reads: {files}.</source>
        <translation>Dateien, die dieser Lauf liest: {files}.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="161"/>
        <source>This algorithm needs the Python package shapely, which this QGIS does not have. Debian/Ubuntu: sudo apt install python3-shapely; Windows (OSGeo4W Setup): package python3-shapely; then restart QGIS.</source>
        <translation>Dieser Algorithmus braucht das Python-Paket shapely, das diesem QGIS fehlt. Debian/Ubuntu: sudo apt install python3-shapely; Windows (OSGeo4W-Setup): Paket python3-shapely; danach QGIS neu starten.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="610"/>
        <source>{n:,} sinks across tiles are too large to be nested on this machine (e.g. sink {ids}): their nested sinks are missing, and the ids of nested sinks can differ from a run in one piece. Use a larger TILE_SIZE to nest them.</source>
        <translation>{n:,} Senken über Kachelgrenzen sind zu groß, um auf diesem Rechner verschachtelt zu werden (z. B. Senke {ids}): ihre verschachtelten Senken fehlen, und die IDs verschachtelter Senken können von einem Lauf in einem Stück abweichen. Mit einer größeren TILE_SIZE werden sie verschachtelt.</translation>
    </message>
    <message>
        <location filename="../smartplan/processing/base.py" line="486"/>
        <source>Deepest nesting level reported (1 = outermost sinks only)</source>
        <translation>Tiefste ausgegebene Verschachtelungsebene (1 = nur äußerste Senken)</translation>
    </message>
</context>
<context>
    <name>SmartPlanDock</name>
    <message>
        <location filename="../smartplan/gui/dock.py" line="29"/>
        <source>SmartPlan</source>
        <translation>SmartPlan</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="33"/>
        <source>Heavy-rain screening, green roofs and citizen feedback for municipal climate adaptation.</source>
        <translation>Starkregen-Screening, Gründächer und Bürgerbeteiligung für die kommunale Klimaanpassung.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="43"/>
        <source>Heavy rain</source>
        <translation>Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="86"/>
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="103"/>
        <source>Open the Processing dialog of this analysis</source>
        <translation>Processing-Dialog dieser Analyse öffnen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="148"/>
        <source>Accelerator: numba {v} active (fast sink analysis).</source>
        <translation>Beschleuniger: numba {v} aktiv (schnelle Senkenanalyse).</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="44"/>
        <source>Green roofs</source>
        <translation>Gründächer</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="49"/>
        <source>Participation</source>
        <translation>Beteiligung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="51"/>
        <source>Planning table mode</source>
        <translation>Planungstisch-Modus</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="54"/>
        <source>Full-screen, touch-friendly workshop view (Planungstisch)</source>
        <translation>Vollbild-Werkstattansicht für Touch (Planungstisch)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="114"/>
        <source>Green-roof potential per roof face and building from a DSM (and LoD2 faces): suitability classes, usable area, retention, sewer relief, cooling, fee savings.</source>
        <translation>Gründachpotenzial je Dachfläche und Gebäude aus einem DOM (und LoD2-Flächen): Eignungsklassen, nutzbare Fläche, Rückhalt, Kanalentlastung, Kühlung, Gebührenersparnis.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="62"/>
        <source>Install accelerator</source>
        <translation>Beschleuniger installieren</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="64"/>
        <source>Installs numba into this QGIS profile (runs &apos;Install accelerator (numba)&apos;); active in QGIS and qgis_process, the system Python stays unchanged.</source>
        <translation>Installiert numba in dieses QGIS-Profil (führt „Beschleuniger installieren (numba)“ aus); aktiv in QGIS und qgis_process, das System-Python bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/dock.py" line="149"/>
        <source>Accelerator: numba not installed. Everything works; installing numba makes the raster analyses about 5-27 times faster on large DEMs.</source>
        <translation>Beschleuniger: numba nicht installiert. Alles funktioniert; mit numba laufen die Raster-Analysen auf großen DGMs etwa 5- bis 27-mal schneller.</translation>
    </message>
</context>
<context>
    <name>SmartPlanPlugin</name>
    <message>
        <location filename="../smartplan/plugin.py" line="50"/>
        <source>SmartPlan panel</source>
        <translation>SmartPlan-Bedienfeld</translation>
    </message>
    <message>
        <location filename="../smartplan/plugin.py" line="53"/>
        <source>Show or hide the SmartPlan panel</source>
        <translation>SmartPlan-Bedienfeld ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../smartplan/plugin.py" line="58"/>
        <source>SmartPlan</source>
        <translation>SmartPlan</translation>
    </message>
    <message>
        <location filename="../smartplan/plugin.py" line="66"/>
        <source>Planning table mode</source>
        <translation>Planungstisch-Modus</translation>
    </message>
    <message>
        <location filename="../smartplan/plugin.py" line="68"/>
        <source>Full-screen, touch-friendly workshop view (Planungstisch)</source>
        <translation>Vollbild-Werkstattansicht für Touch (Planungstisch)</translation>
    </message>
</context>
<context>
    <name>SmartPlanProvider</name>
    <message>
        <location filename="../smartplan/processing/provider.py" line="46"/>
        <source>SmartPlan – heavy rain, green roofs, citizen feedback ({v})</source>
        <translation>SmartPlan – Starkregen, Gründächer, Bürgerbeteiligung ({v})</translation>
    </message>
</context>
<context>
    <name>SourceFormats</name>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>DIPAS PDS API</source>
        <translation>DIPAS-PDS-Schnittstelle</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>DIPAS PDS API (or PDS GeoJSON file)</source>
        <translation>DIPAS-PDS-Schnittstelle (oder PDS-GeoJSON-Datei)</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>DIPAS Masterportal feed</source>
        <translation>DIPAS-Masterportal-Layer</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>DIPAS Masterportal layer feed</source>
        <translation>DIPAS-Masterportal-Layer</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>DIPAS CSV export</source>
        <translation>DIPAS-CSV-Export</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>DIPAS admin CSV export</source>
        <translation>DIPAS-Admin-CSV-Export</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>CoSI export</source>
        <translation>CoSI-Export</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>CoSI export (EPSG:25832)</source>
        <translation>CoSI-Export (EPSG:25832)</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>OGC API – Features</source>
        <translation>OGC API – Features</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>WFS 2.0</source>
        <translation>WFS 2.0</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>GeoJSON</source>
        <translation>GeoJSON</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>CSV (lon/lat or x/y columns)</source>
        <translation>CSV (Spalten lon/lat oder x/y)</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>GeoPackage / vector file</source>
        <translation>GeoPackage / Vektordatei</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="40"/>
        <source>GeoPackage / other vector file</source>
        <translation>GeoPackage / andere Vektordatei</translation>
    </message>
    <message>
        <location filename="../smartplan/io/feedback_sources.py" line="99"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="32"/>
        <source>Contributions per category</source>
        <translation>Beiträge je Kategorie</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="33"/>
        <source>Per rubric</source>
        <translation>Je Rubrik</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="34"/>
        <source>Contributions per day</source>
        <translation>Beiträge je Tag</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="35"/>
        <source>Top by rating</source>
        <translation>Top nach Bewertung</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="36"/>
        <source>Top by comments</source>
        <translation>Top nach Kommentaren</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="37"/>
        <source>Keywords</source>
        <translation>Schlagworte</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="38"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="39"/>
        <source>{total} contributions ({located} on the map), {comments} comments, {pro} votes for, {contra} against</source>
        <translation>{total} Beiträge ({located} auf der Karte), {comments} Kommentare, {pro} Stimmen dafür, {contra} dagegen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="72"/>
        <source>Export charts as PNG…</source>
        <translation>Diagramme als PNG exportieren…</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="129"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/participation/stats_tab.py" line="136"/>
        <source>Charts written to {p}</source>
        <translation>Diagramme gespeichert: {p}</translation>
    </message>
</context>
<context>
    <name>TableCards</name>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="63"/>
        <source>Variants {names}</source>
        <translation>Varianten {names}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="184"/>
        <source>Sink {i}</source>
        <translation>Senke {i}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="199"/>
        <source>Volume: {v:,.0f} m³</source>
        <translation>Volumen: {v:,.0f} m³</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="203"/>
        <source>Filled by {v:,.0f} mm of rain</source>
        <translation>Gefüllt bei {v:,.0f} mm Regen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="211"/>
        <source>Scenario {r:g} mm: {p:.0f} % full</source>
        <translation>Szenario {r:g} mm: {p:.0f} % gefüllt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="217"/>
        <source>Scenario: {p:.0f} % full</source>
        <translation>Szenario: {p:.0f} % gefüllt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="224"/>
        <source>Buildings at the sink: {n}</source>
        <translation>Gebäude an der Senke: {n}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="226"/>
        <source>Building {i}</source>
        <translation>Gebäude {i}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="230"/>
        <source>Green-roof class {c}</source>
        <translation>Gründachklasse {c}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="232"/>
        <source>Green roof possible: {a:,.0f} m²</source>
        <translation>Gründach möglich: {a:,.0f} m²</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="236"/>
        <source>Retention: {v:,.0f} m³ per year</source>
        <translation>Rückhalt: {v:,.0f} m³ pro Jahr</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="241"/>
        <source>Roof slope {s:.0f}°</source>
        <translation>Dachneigung {s:.0f}°</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="243"/>
        <source>Contribution</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="248"/>
        <source>{p} for, {c} against</source>
        <translation>{p} dafür, {c} dagegen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="250"/>
        <source>Flow path</source>
        <translation>Fließweg</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="251"/>
        <source>Upstream area {a:.1f} ha</source>
        <translation>Einzugsgebiet {a:.1f} ha</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="275"/>
        <source>Here water often stands</source>
        <translation>Hier steht oft Wasser</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="275"/>
        <source>Green is missing here</source>
        <translation>Hier fehlt Grün</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="275"/>
        <source>Good place for a swale</source>
        <translation>Guter Ort für eine Mulde</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="275"/>
        <source>Danger for pedestrians</source>
        <translation>Gefahr für Fußgänger</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="275"/>
        <source>Cellar flooded before</source>
        <translation>Keller schon vollgelaufen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="275"/>
        <source>Shade needed</source>
        <translation>Schatten fehlt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="286"/>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="287"/>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="287"/>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="287"/>
        <source>Traffic</source>
        <translation>Verkehr</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="287"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="309"/>
        <source>tap a phrase or type</source>
        <translation>Satz antippen oder tippen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="317"/>
        <source>Save note</source>
        <translation>Notiz speichern</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="343"/>
        <source>Planning table</source>
        <translation>Planungstisch</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/cards.py" line="343"/>
        <source>Note saved.</source>
        <translation>Notiz gespeichert.</translation>
    </message>
</context>
<context>
    <name>TableControls</name>
    <message>
        <location filename="../smartplan/gui/table/widgets.py" line="121"/>
        <source>space</source>
        <translation>Leertaste</translation>
    </message>
</context>
<context>
    <name>TableLayers</name>
    <message>
        <location filename="../smartplan/gui/table/layers.py" line="105"/>
        <source>Water depth (live)</source>
        <translation>Wassertiefe (live)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/layers.py" line="195"/>
        <source>Measures (planning table)</source>
        <translation>Maßnahmen (Planungstisch)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/layers.py" line="203"/>
        <source>green roof</source>
        <translation>Gründach</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/layers.py" line="210"/>
        <source>retention area</source>
        <translation>Rückhaltefläche</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/layers.py" line="217"/>
        <source>unsealing</source>
        <translation>Entsiegelung</translation>
    </message>
</context>
<context>
    <name>TableMode</name>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="315"/>
        <source>Preparing the live figures</source>
        <translation>Live-Kennzahlen werden vorbereitet</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="428"/>
        <source>Updating the figures</source>
        <translation>Kennzahlen werden aktualisiert</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="535"/>
        <source>Planning table</source>
        <translation>Planungstisch</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="513"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="417"/>
        <source>Figures (heavy rain {r:g} mm)</source>
        <translation>Kennzahlen (Starkregen {r:g} mm)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="494"/>
        <source>Variant {n}</source>
        <translation>Variante {n}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="467"/>
        <source>measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="512"/>
        <source>Planning table – workshop summary</source>
        <translation>Planungstisch – Zusammenfassung der Werkstatt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="514"/>
        <source>Figures per variant</source>
        <translation>Kennzahlen je Variante</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="515"/>
        <source>Notes from the table</source>
        <translation>Notizen vom Planungstisch</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="516"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="517"/>
        <source>without measures</source>
        <translation>ohne Maßnahmen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="535"/>
        <source>Workshop exported: {p}</source>
        <translation>Werkstatt exportiert: {p}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="389"/>
        <source>Import the feedback once in the SmartPlan panel first.</source>
        <translation>Importieren Sie die Bürgerhinweise zuerst einmal im SmartPlan-Bedienfeld.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="404"/>
        <source>Citizen feedback updated: {a} new, {u} changed, {w} withdrawn.</source>
        <translation>Bürgerhinweise aktualisiert: {a} neu, {u} geändert, {w} zurückgezogen.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="410"/>
        <source>Updating the citizen feedback</source>
        <translation>Bürgerhinweise werden aktualisiert</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table_mode.py" line="494"/>
        <source>Planning table · rain {mm:g} mm</source>
        <translation>Planungstisch · Regen {mm:g} mm</translation>
    </message>
</context>
<context>
    <name>TableNavigation</name>
    <message>
        <location filename="../smartplan/gui/table/navigation.py" line="191"/>
        <source>Storage depth of the retention area</source>
        <translation>Speichertiefe der Rückhaltefläche</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/navigation.py" line="197"/>
        <source>green space</source>
        <translation>Grünfläche</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/navigation.py" line="198"/>
        <source>grass pavers</source>
        <translation>Rasengitter</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/navigation.py" line="199"/>
        <source>open-joint paving</source>
        <translation>Pflaster mit offenen Fugen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/navigation.py" line="201"/>
        <source>New runoff coefficient</source>
        <translation>Neuer Abflussbeiwert</translation>
    </message>
</context>
<context>
    <name>TableViews</name>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="46"/>
        <source>Sinks</source>
        <translation>Senken</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="47"/>
        <source>Flow paths</source>
        <translation>Fließwege</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="48"/>
        <source>Green roofs</source>
        <translation>Gründächer</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="49"/>
        <source>Feedback</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="50"/>
        <source>Base map</source>
        <translation>Grundkarte</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="64"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="65"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="66"/>
        <source>Green roof</source>
        <translation>Gründach</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="67"/>
        <source>Retention</source>
        <translation>Rückhalt</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="68"/>
        <source>Unseal</source>
        <translation>Entsiegeln</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="80"/>
        <source>Done ✓</source>
        <translation>Fertig ✓</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="83"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="88"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="90"/>
        <source>Exit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="102"/>
        <source>Planning table</source>
        <translation>Planungstisch</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="105"/>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="135"/>
        <source>Figures (heavy rain {r:g} mm)</source>
        <translation>Kennzahlen (Starkregen {r:g} mm)</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="152"/>
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="155"/>
        <source>+ Variant</source>
        <translation>+ Variante</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="158"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="162"/>
        <source>Legend</source>
        <translation>Legende</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="167"/>
        <source>Update citizen feedback</source>
        <translation>Bürgerhinweise aktualisieren</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="187"/>
        <source>Whole area</source>
        <translation>Ganzes Gebiet</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="267"/>
        <source>rare</source>
        <translation>selten</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="268"/>
        <source>exceptional</source>
        <translation>außergewöhnlich</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="269"/>
        <source>extreme</source>
        <translation>extrem</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="275"/>
        <source>kept by measures m³</source>
        <translation>durch Maßnahmen gehalten m³</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="276"/>
        <source>water in sinks m³</source>
        <translation>Wasser in Senken m³</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="277"/>
        <source>runoff leaving the area m³</source>
        <translation>Abfluss aus dem Gebiet m³</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="278"/>
        <source>affected buildings</source>
        <translation>betroffene Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="279"/>
        <source>green roofs m²</source>
        <translation>Gründächer m²</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="280"/>
        <source>retention per year m³</source>
        <translation>Rückhalt pro Jahr m³</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="286"/>
        <source>Keep {t:,.0f} m³ of water</source>
        <translation>{t:,.0f} m³ Wasser zurückhalten</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="287"/>
        <source>{t:,.0f} fewer affected buildings</source>
        <translation>{t:,.0f} betroffene Gebäude weniger</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="288"/>
        <source>Green {t:,.0f} m² of roofs</source>
        <translation>{t:,.0f} m² Dachfläche begrünen</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="295"/>
        <source>No analysis yet: add the DGM (its name containing DEM or DGM, or the project variable smartplan_dem) and run &apos;Depression analysis&apos;, &apos;Heavy-rain scenario&apos; and &apos;Green-roof potential&apos; first. Then the live figures of the measures appear here.</source>
        <translation>Noch keine Analyse: fügen Sie das DGM hinzu (mit DEM oder DGM im Namen, oder über die Projektvariable smartplan_dem) und führen Sie zuerst 'Senkenanalyse', 'Starkregen-Szenario' und 'Gründachpotenzial' aus. Dann erscheinen hier die Live-Kennzahlen der Maßnahmen.</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="303"/>
        <source>The live figures could not be prepared: {e}</source>
        <translation>Die Live-Kennzahlen konnten nicht vorbereitet werden: {e}</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="307"/>
        <source>Preparing the live figures …</source>
        <translation>Live-Kennzahlen werden vorbereitet …</translation>
    </message>
    <message>
        <location filename="../smartplan/gui/table/views.py" line="338"/>
        <source>Variant {n}</source>
        <translation>Variante {n}</translation>
    </message>
</context>
</TS>
