<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>AffectedAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="422" />
        <source>Affected objects (Betroffenheit)</source>
        <translation>Betroffenheitsanalyse</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="40" />
        <source>&lt;p&gt;Which buildings, roads, underpasses and critical sites are hit by heavy-rain water: from a water-depth raster (smartplan:rainscenario or any imported 2D depth raster) and, optionally, the flow paths and their corridor.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Buildings:&lt;/b&gt; the largest water depth in or next to the footprint (the wall); flooded from 0.10 m (Ulm: water can enter), in the corridor, or by distance to a flow path (≤ 5 / 10 / 15 m, Hessen). &lt;b&gt;Roads&lt;/b&gt; (OSM highway lines or ATKIS/ALKIS road lines) are split where they enter or leave the water; each piece has its maximum depth and whether cars (≤ 0.30 m) and emergency vehicles (≤ 0.60 m) can pass (Kramer et al. 2016). &lt;b&gt;Underpasses:&lt;/b&gt; OSM tunnel/covered/layer &amp;lt; 0, or road pieces deeper than 0.50 m (knee-deep, BWB Überstauatlas). &lt;b&gt;Critical sites&lt;/b&gt; (hospital, fire station, school, kindergarten, care home, substation …; from a type field or OSM tags) with their water depth and corridor flag.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; Depth only (no flow velocity); the depth raster's own limits apply (topographic screening: no sewer, no time dimension).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Welche Gebäude, Straßen, Unterführungen und kritischen Einrichtungen das Starkregenwasser trifft: aus einem Wassertiefen-Raster (smartplan:rainscenario oder ein importiertes 2D-Tiefenraster) und optional den Fließwegen und ihrem Korridor.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gebäude:&lt;/b&gt; die größte Wassertiefe im oder am Grundriss (an der Wand); überflutet ab 0,10 m (Ulm: Wasser kann eindringen), im Korridor oder nach Abstand zu einem Fließweg (≤ 5 / 10 / 15 m, Hessen). &lt;b&gt;Straßen&lt;/b&gt; (OSM-highway-Linien oder ATKIS/ALKIS-Straßenlinien) werden geteilt, wo sie ins Wasser hinein- oder herausführen; jedes Stück hat seine größte Tiefe und ob Pkw (≤ 0,30 m) und Einsatzfahrzeuge (≤ 0,60 m) durchfahren können (Kramer et al. 2016). &lt;b&gt;Unterführungen:&lt;/b&gt; OSM tunnel/covered/layer &amp;lt; 0 oder Straßenstücke tiefer als 0,50 m (knietief, BWB-Überstauatlas). &lt;b&gt;Kritische Einrichtungen&lt;/b&gt; (Krankenhaus, Feuerwache, Schule, Kita, Pflegeheim, Umspannwerk …; aus einem Typfeld oder OSM-Tags) mit Wassertiefe und Korridor-Kennzeichen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Nur Tiefe (keine Fließgeschwindigkeit); es gelten die Grenzen des Tiefenrasters (topografisches Screening: keine Kanalisation, keine Zeitdimension).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="57" />
        <source>Water depth raster [m]</source>
        <translation>Wassertiefen-Raster [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="59" />
        <source>Buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="61" />
        <source>Roads (lines)</source>
        <translation>Straßen (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="63" />
        <source>Critical sites (points or polygons)</source>
        <translation>Kritische Einrichtungen (Punkte oder Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="66" />
        <source>Type field of the critical sites (else OSM tags)</source>
        <translation>Typfeld der kritischen Einrichtungen (sonst OSM-Tags)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="69" />
        <source>Flow paths (smartplan:flowpaths)</source>
        <translation>Fließwege (smartplan:flowpaths)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="72" />
        <source>Flow path corridor</source>
        <translation>Fließwegkorridor</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="74" />
        <source>Building flooded from a wall depth of [m]</source>
        <translation>Gebäude überflutet ab einer Wassertiefe an der Wand von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="74" />
        <source>Cars cannot pass above [m]</source>
        <translation>Pkw können nicht mehr durchfahren über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="74" />
        <source>Emergency vehicles cannot pass above [m]</source>
        <translation>Einsatzfahrzeuge können nicht mehr durchfahren über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="74" />
        <source>Underpass (road sink) from a depth of [m]</source>
        <translation>Unterführung (Straßensenke) ab einer Tiefe von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="264" />
        <source>Affected buildings</source>
        <translation>Betroffene Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="336" />
        <source>Roads split at the water</source>
        <translation>Straßen, am Wasser geteilt</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="340" />
        <source>Underpasses</source>
        <translation>Unterführungen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="393" />
        <source>Affected critical sites</source>
        <translation>Betroffene kritische Einrichtungen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="95" />
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="95" />
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="97" />
        <source>Flooded buildings</source>
        <translation>Überflutete Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="97" />
        <source>Flooded roads [km]</source>
        <translation>Überflutete Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="97" />
        <source>Roads impassable for emergency vehicles [km]</source>
        <translation>Für Einsatzfahrzeuge unpassierbare Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="147" />
        <source>The water depth must be a file-based raster (GeoTIFF).</source>
        <translation>Die Wassertiefe muss ein dateibasiertes Raster (GeoTIFF) sein.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="160" />
        <source>The water depth raster contains only NoData.</source>
        <translation>Das Wassertiefen-Raster enthält nur NoData.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="162" />
        <source>The water depth raster has negative values; they count as dry.</source>
        <translation>Das Wassertiefen-Raster hat negative Werte; sie gelten als trocken.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="401" />
        <source>Buildings checked</source>
        <translation>Geprüfte Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="402" />
        <source>Buildings flooded (wall depth ≥ {v:g} m)</source>
        <translation>Überflutete Gebäude (Tiefe an der Wand ≥ {v:g} m)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="404" />
        <source>Buildings in the flow path corridor</source>
        <translation>Gebäude im Fließwegkorridor</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="405" />
        <source>Buildings ≤ 5 / ≤ 10 / ≤ 15 m from a flow path</source>
        <translation>Gebäude ≤ 5 / ≤ 10 / ≤ 15 m vom Fließweg</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="409" />
        <source>Roads checked [km]</source>
        <translation>Geprüfte Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="410" />
        <source>Roads under water [km]</source>
        <translation>Straßen unter Wasser [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="411" />
        <source>Impassable for cars [km]</source>
        <translation>Für Pkw unpassierbar [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="412" />
        <source>Impassable for emergency vehicles [km]</source>
        <translation>Für Einsatzfahrzeuge unpassierbar [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="415" />
        <source>Underpass pieces (tagged / road sinks)</source>
        <translation>Unterführungsstücke (markiert / Straßensenken)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="418" />
        <source>Critical sites checked</source>
        <translation>Geprüfte kritische Einrichtungen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/affected.py" line="420" />
        <source>Affected: {t}</source>
        <translation>Betroffen: {t}</translation>
    </message>
</context>
<context>
    <name>DepressionsAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="43" />
        <source>Depression analysis (Senken)</source>
        <translation>Senkenanalyse</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="73" />
        <source>Minimum max. depth [m]</source>
        <translation>Mindest-Maximaltiefe [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="73" />
        <source>Minimum area [m²]</source>
        <translation>Mindestfläche [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="73" />
        <source>Minimum volume [m³]</source>
        <translation>Mindestvolumen [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="73" />
        <source>Minimum local catchment [m²]</source>
        <translation>Mindestgröße lokales Einzugsgebiet [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="134" />
        <source>Filled surface</source>
        <translation>Gefüllte Oberfläche</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="135" />
        <source>Sink depth</source>
        <translation>Senkentiefe</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="180" />
        <source>Sinks</source>
        <translation>Senken</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="195" />
        <source>Pour points</source>
        <translation>Überlaufpunkte</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="212" />
        <source>Local catchments</source>
        <translation>Lokale Einzugsgebiete</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="95" />
        <source>Number of sinks</source>
        <translation>Anzahl Senken</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="97" />
        <source>Total sink volume [m³]</source>
        <translation>Gesamtvolumen der Senken [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="105" />
        <source>Filling depressions and routing flow …</source>
        <translation>Senken füllen und Abfluss berechnen …</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="117" />
        <source>{n:,} sinks found, {k:,} pass the filters</source>
        <translation>{n:,} Senken gefunden, {k:,} erfüllen die Filter</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="96" />
        <source>Number of nested sinks</source>
        <translation>Anzahl verschachtelter Senken</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="46" />
        <source>&lt;p&gt;Finds depressions (Senken) in a terrain model where heavy-rain water collects: topographic hazard analysis, tier 2 of DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Buildings are raised as obstacles (default +10 m, or a height field). The DEM is filled exactly (Priority-Flood, Barnes et al. 2014, no epsilon); depth = filled − DEM; sinks are 8-connected cells with depth &amp;gt; 0. Per sink: area, volume, max/mean depth, bottom and spill elevation, pour point, local catchment (D8 on the filled surface), the sink its overflow reaches (downstream_id) and the fill rain 1000·V/A&lt;sub&gt;c&lt;/sub&gt; [mm] at which it is full. Sink ids rank the sinks by volume (1 = largest) and are the same in the rain scenario.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nested sinks.&lt;/b&gt; Inside a sink, basins around separate pits merge at saddles (depression hierarchy, Barnes et al. 2020): nested sinks (level 2, 3 …) are reported with parent_id and level up to the deepest level chosen; catchment, fill rain and downstream belong to the outermost sink (level 1) and stay empty for them.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Edges and NoData.&lt;/b&gt; Water reaching the raster edge or NoData connected to it leaves the map. Enclosed NoData holes drain or act as walls (parameter).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Filters&lt;/b&gt; (SENSARE Berlin): max depth ≥ 0.20 m, area ≥ 4 m², volume ≥ 2 m³, catchment ≥ 200 m². Lighter (Danish Bluespot): depth 0.05 m, area 20 m², volume 0.5 m³. FILLED and DEPTH are unfiltered. Depth classes: &amp;lt;0.1 / 0.1–0.3 / 0.3–0.5 / &amp;gt;0.5 m (Ulm: from 0.1 m water can enter buildings).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; A screening: no sewer, no culverts unless burned in, no time dimension; unreliable on slopes below 1 %. Not a Starkregengefahrenkarte (2D simulation) in the sense of LUBW/NRW.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Findet Senken im Geländemodell, in denen sich Starkregenwasser sammelt: topografische Gefährdungsanalyse, Stufe 2 nach DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Gebäude werden als Hindernisse angehoben (Standard +10 m oder ein Höhenfeld). Das DGM wird exakt gefüllt (Priority-Flood, Barnes et al. 2014, ohne Epsilon); Tiefe = gefüllt − DGM; Senken sind 8-verbundene Zellen mit Tiefe &amp;gt; 0. Je Senke: Fläche, Volumen, max./mittlere Tiefe, Sohl- und Überlaufhöhe, Überlaufpunkt, lokales Einzugsgebiet (D8 auf der gefüllten Oberfläche), die Senke, die ihr Überlauf erreicht (downstream_id), und der Füllregen 1000·V/A&lt;sub&gt;E&lt;/sub&gt; [mm], bei dem sie voll ist. Die Senken-IDs ordnen die Senken nach Volumen (1 = größte) und sind im Regenszenario dieselben.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Verschachtelte Senken.&lt;/b&gt; Innerhalb einer Senke verbinden sich die Becken um getrennte Tiefpunkte an Sätteln (Senkenhierarchie, Barnes et al. 2020): verschachtelte Senken (Ebene 2, 3 …) werden mit parent_id und level bis zur gewählten Ebene ausgegeben; Einzugsgebiet, Füllregen und Unterlieger gehören zur äußersten Senke (Ebene 1) und bleiben bei ihnen leer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rand und NoData.&lt;/b&gt; Wasser, das den Rasterrand oder mit ihm verbundene NoData-Zellen erreicht, verlässt die Karte. Eingeschlossene NoData-Löcher entwässern oder wirken als Wand (Parameter).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Filter&lt;/b&gt; (SENSARE Berlin): max. Tiefe ≥ 0,20 m, Fläche ≥ 4 m², Volumen ≥ 2 m³, Einzugsgebiet ≥ 200 m². Leichter (dänischer Bluespot): Tiefe 0,05 m, Fläche 20 m², Volumen 0,5 m³. FILLED und DEPTH sind ungefiltert. Tiefenklassen: &amp;lt;0,1 / 0,1–0,3 / 0,3–0,5 / &amp;gt;0,5 m (Ulm: ab 0,1 m kann Wasser in Gebäude eindringen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Ein Screening: keine Kanalisation, keine Durchlässe (außer eingebrannt), keine Zeitdimension; unzuverlässig bei Gefälle unter 1 %. Keine Starkregengefahrenkarte (2D-Simulation) im Sinne von LUBW/NRW.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/depressions.py" line="81" />
        <source>Deepest nesting level reported (1 = outermost sinks only)</source>
        <translation>Tiefste ausgegebene Verschachtelungsebene (1 = nur äußerste Senken)</translation>
    </message>
</context>
<context>
    <name>EmergencyRoutesAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="52" />
        <source>Emergency routes in heavy rain (Einsatzrouten)</source>
        <translation>Einsatzrouten bei Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="55" />
        <source>&lt;p&gt;Which places can fire brigades and ambulances still reach in time when roads are flooded? The screening version of Berlin's SENSARE route recommendations: the fastest routes from the nearest station on the dry and on the flooded road network, detours, service areas within the response-time target and the destinations that lose coverage.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Network.&lt;/b&gt; Every vertex of a road line is a node, as in QGIS' network analysis; stations and destinations are tied to the nearest road. Speed from a field (km/h) or from the OSM highway class (documented default table: e.g. primary 50, residential 30, service 15 km/h), else the default speed; footways, paths and steps are not driven; one-way streets (oneway=yes/-1) are honoured.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Flooding.&lt;/b&gt; The water depth on each road piece comes from a depth raster (largest depth along it) or from ROADS with a max_depth_m field (smartplan:affected). A piece is impassable above 0.6 m for emergency vehicles and 0.3 m for cars (Kramer, Terheiden &amp;amp; Wieprecht 2016), or a custom depth. Optionally vehicles slow down with depth (Pregnolato et al. 2017: v(w) = 0.0009 w² − 0.5529 w + 86.9448 km/h, w in mm, 0 from 300 mm, applied as a factor to the road's speed).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time limit&lt;/b&gt;: the response-time target (Hilfsfrist) of your Land's fire-service or rescue-service rules, e.g. 8–10 minutes for the fire brigade.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Welche Orte erreichen Feuerwehr und Rettungsdienst noch rechtzeitig, wenn Straßen überflutet sind? Die Screening-Version der Routenempfehlungen aus dem Berliner Projekt SENSARE: die schnellsten Wege von der nächsten Wache im trockenen und im überfluteten Straßennetz, Umwege, erreichbare Bereiche innerhalb der Hilfsfrist und die Ziele, die ihre Abdeckung verlieren.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Netz.&lt;/b&gt; Jeder Stützpunkt einer Straßenlinie ist ein Knoten, wie in der QGIS-Netzwerkanalyse; Wachen und Ziele werden an die nächste Straße angebunden. Geschwindigkeit aus einem Feld (km/h) oder aus der OSM-Straßenklasse (dokumentierte Standardtabelle: z. B. primary 50, residential 30, service 15 km/h), sonst die Standardgeschwindigkeit; Fußwege, Pfade und Treppen werden nicht befahren; Einbahnstraßen (oneway=yes/-1) werden beachtet.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Überflutung.&lt;/b&gt; Die Wassertiefe jedes Straßenstücks stammt aus einem Tiefenraster (größte Tiefe entlang des Stücks) oder aus ROADS mit dem Feld max_depth_m (smartplan:affected). Ein Stück ist unpassierbar über 0,6 m für Einsatzfahrzeuge und 0,3 m für Pkw (Kramer, Terheiden &amp;amp; Wieprecht 2016) oder über einer eigenen Tiefe. Optional fahren Fahrzeuge mit zunehmender Tiefe langsamer (Pregnolato et al. 2017: v(w) = 0,0009 w² − 0,5529 w + 86,9448 km/h, w in mm, 0 ab 300 mm, als Faktor auf die Geschwindigkeit der Straße).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Zeitgrenze&lt;/b&gt;: die Hilfsfrist nach dem Feuerwehr- oder Rettungsdienstrecht Ihres Landes, z. B. 8–10 Minuten für die Feuerwehr.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="76" />
        <source>Roads (lines; ROADS_AFFECTED of smartplan:affected carries the depth)</source>
        <translation>Straßen (Linien; ROADS_AFFECTED aus smartplan:affected enthält die Tiefe)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="79" />
        <source>Speed field [km/h]</source>
        <translation>Geschwindigkeitsfeld [km/h]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="82" />
        <source>Default speed [km/h]</source>
        <translation>Standardgeschwindigkeit [km/h]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="85" />
        <source>Fire and rescue stations (points)</source>
        <translation>Feuer- und Rettungswachen (Punkte)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="87" />
        <source>Destinations (points or polygons)</source>
        <translation>Ziele (Punkte oder Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="90" />
        <source>Water depth raster [m]</source>
        <translation>Wassertiefen-Raster [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="92" />
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="92" />
        <source>emergency vehicle (impassable above 0.6 m)</source>
        <translation>Einsatzfahrzeug (unpassierbar über 0,6 m)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="92" />
        <source>car (impassable above 0.3 m)</source>
        <translation>Pkw (unpassierbar über 0,3 m)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="92" />
        <source>custom depth</source>
        <translation>eigene Tiefe</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="96" />
        <source>Custom: impassable above [m]</source>
        <translation>Eigene Tiefe: unpassierbar über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="99" />
        <source>Slow down in shallower water (Pregnolato et al. 2017)</source>
        <translation>In flacherem Wasser langsamer fahren (Pregnolato et al. 2017)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="101" />
        <source>Response-time target (Hilfsfrist) [min]</source>
        <translation>Hilfsfrist [min]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="282" />
        <source>Blocked roads</source>
        <translation>Gesperrte Straßen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="320" />
        <source>Routes dry and flooded</source>
        <translation>Routen trocken und überflutet</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="343" />
        <source>Service area (roads)</source>
        <translation>Erreichbarer Bereich (Straßen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="409" />
        <source>Destinations losing coverage</source>
        <translation>Ziele, die die Hilfsfrist verlieren</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="114" />
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="114" />
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="405" />
        <source>Blocked roads [km]</source>
        <translation>Gesperrte Straßen [km]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="184" />
        <source>The road layer has no drivable roads.</source>
        <translation>Der Straßen-Layer enthält keine befahrbaren Straßen.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="224" />
        <source>Roads and stations are needed.</source>
        <translation>Straßen und Wachen werden benötigt.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="229" />
        <source>The station layer has no points.</source>
        <translation>Der Wachen-Layer enthält keine Punkte.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="238" />
        <source>{n} stations are more than 500 m from the nearest road.</source>
        <translation>{n} Wachen liegen mehr als 500 m von der nächsten Straße entfernt.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="406" />
        <source>Impassable above [m]</source>
        <translation>Unpassierbar über [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="407" />
        <source>Response-time target [min]</source>
        <translation>Hilfsfrist [min]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="408" />
        <source>Destinations</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="410" />
        <source>Destinations cut off entirely</source>
        <translation>Vollständig abgeschnittene Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="413" />
        <source>Emergency routes in heavy rain</source>
        <translation>Einsatzrouten bei Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="414" />
        <source>Worst detours</source>
        <translation>Größte Umwege</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="415" />
        <source>destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="416" />
        <source>detour min</source>
        <translation>Umweg min</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/emergencyroutes.py" line="400" />
        <source>Service area (polygons, dry and flooded)</source>
        <translation>Erreichbarer Bereich (Flächen, trocken und überflutet)</translation>
    </message>
</context>
<context>
    <name>FlowPathsAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="46" />
        <source>Overland flow paths (Fließwege)</source>
        <translation>Fließwege</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="72" />
        <source>Flow paths start at an upstream area of [ha]</source>
        <translation>Fließwege beginnen ab einer Einzugsfläche von [ha]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="75" />
        <source>Class breaks of the upstream area [ha]</source>
        <translation>Klassengrenzen der Einzugsfläche [ha]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="78" />
        <source>Hazard corridor on each side [m]</source>
        <translation>Gefahrenkorridor je Seite [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="81" />
        <source>Building distance classes [m]</source>
        <translation>Abstandsklassen der Gebäude [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="140" />
        <source>Flow direction (D8)</source>
        <translation>Fließrichtung (D8)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="141" />
        <source>Upstream area [m²]</source>
        <translation>Einzugsfläche [m²]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="180" />
        <source>Flow paths</source>
        <translation>Fließwege</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="200" />
        <source>Flow path corridor</source>
        <translation>Fließwegkorridor</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="268" />
        <source>Buildings near flow paths</source>
        <translation>Gebäude nahe Fließwegen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="96" />
        <source>Number of flow path segments</source>
        <translation>Anzahl Fließwegabschnitte</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="105" />
        <source>Class breaks must be increasing numbers separated by commas, e.g. '0.5,2,10,50' (got '{v}').</source>
        <translation>Klassengrenzen müssen aufsteigende, durch Kommas getrennte Zahlen sein, z. B. '0.5,2,10,50' (angegeben: '{v}').</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="110" />
        <source>Filling depressions and routing flow …</source>
        <translation>Senken füllen und Abfluss berechnen …</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="121" />
        <source>{n:,} flow path segments from {ha:g} ha upstream area</source>
        <translation>{n:,} Fließwegabschnitte ab {ha:g} ha Einzugsfläche</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/flowpaths.py" line="49" />
        <source>&lt;p&gt;Overland flow paths of heavy rain from the terrain model, like the Hessian Fließpfadkarten: topographic hazard analysis, tier 2 of DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; Buildings are raised as obstacles, the DEM is filled exactly, and each cell drains to its steepest-descent neighbour (D8: drop divided by distance, diagonals √2; O'Callaghan &amp;amp; Mark 1984). Flats, filled sinks included, drain towards their nearest lower edge (Barnes et al. 2014). ACCUMULATION is the upstream contributing area in m² (the cell included). Flow paths start where it reaches the minimum catchment (Hessen: 1 ha; 0.1 ha in dense urban areas) and are cut into segments between confluences with upstream area, class, Strahler order and mean slope on the filled surface. Segments that mostly cross a filled sink are flagged in_sink: the water ponds there first, the line only shows where the sink overflows to; the corridor and the building distances leave them out.&lt;/p&gt;&lt;p&gt;&lt;b&gt;FLOW_DIRECTION encoding&lt;/b&gt; (ESRI): 1 E, 2 SE, 4 S, 8 SW, 16 W, 32 NW, 64 N, 128 NE; 0 = drains off the map; 255 = NoData.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Classes&lt;/b&gt; by upstream area (proposal): 0.5–2 / 2–10 / 10–50 / ≥ 50 ha. Corridor: 10 m on each side (Hessen, Oppermann). Buildings by distance to a flow path: ≤ 5 m red, ≤ 10 m orange, ≤ 15 m yellow (Hessen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; No sewer, no culverts unless burned in, no time dimension, single flow direction; paths on slopes below 1 % are unreliable (low_slope, Hessen).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Fließwege des Starkregenabflusses aus dem Geländemodell, wie die hessischen Fließpfadkarten: topografische Gefährdungsanalyse, Stufe 2 nach DWA-M 119.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Gebäude werden als Hindernisse angehoben, das DGM wird exakt gefüllt, und jede Zelle entwässert zum Nachbarn mit dem steilsten Gefälle (D8: Höhendifferenz geteilt durch Abstand, Diagonalen √2; O'Callaghan &amp;amp; Mark 1984). Flache Bereiche, auch gefüllte Senken, entwässern zu ihrem nächsten tieferen Rand (Barnes et al. 2014). ACCUMULATION ist die oberhalb liegende Einzugsfläche in m² (Zelle eingeschlossen). Fließwege beginnen, wo sie das Mindest-Einzugsgebiet erreicht (Hessen: 1 ha; 0,1 ha in dicht bebauten Gebieten), und werden zwischen Zusammenflüssen in Abschnitte geteilt, mit Einzugsfläche, Klasse, Strahler-Ordnung und mittlerem Gefälle auf der gefüllten Oberfläche. Abschnitte, die überwiegend durch eine gefüllte Senke laufen, tragen in_sink: dort staut sich das Wasser zuerst, die Linie zeigt nur, wohin die Senke überläuft; Korridor und Gebäudeabstände lassen sie aus.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Kodierung von FLOW_DIRECTION&lt;/b&gt; (ESRI): 1 O, 2 SO, 4 S, 8 SW, 16 W, 32 NW, 64 N, 128 NO; 0 = fließt aus der Karte; 255 = NoData.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Klassen&lt;/b&gt; nach Einzugsfläche (Vorschlag): 0,5–2 / 2–10 / 10–50 / ≥ 50 ha. Korridor: 10 m je Seite (Hessen, Oppermann). Gebäude nach Abstand zum Fließweg: ≤ 5 m rot, ≤ 10 m orange, ≤ 15 m gelb (Hessen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Keine Kanalisation, keine Durchlässe (außer eingebrannt), keine Zeitdimension, eine Fließrichtung je Zelle; Fließwege bei Gefälle unter 1 % sind unzuverlässig (low_slope, Hessen).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NotwasserwegeAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="28" />
        <source>Emergency flow routes (Notwasserwege)</source>
        <translation>Notwasserwege</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="31" />
        <source>&lt;p&gt;Candidate emergency flow routes (Notwasserwege): stretches of the flow paths that run along roads or open space and lead the water to a safe target (green space, retention area) — as Essen puts it, water masses are guided over roads and emergency flow routes into green areas and open spaces. The result is an editable line layer for planners (status 'candidate'; set it to 'confirmed' or 'rejected').&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method.&lt;/b&gt; A flow-path segment (smartplan:flowpaths, not across filled sinks) is split into the parts inside the guide area (roads buffered by ROAD_BUFFER_M, and open space) and outside it. A part is a candidate when the flow path, followed downstream segment by segment, reaches a target area; target names the first target reached. Without targets, open space serves as target. Conflicts are where flow paths cross buildings, underpasses or come within SENSITIVE_DISTANCE_M of sensitive sites; they are returned as points and flagged on the routes upstream of them.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; A planning aid from the topographic screening: check kerbs, gradients and inlets on site.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Vorschläge für Notwasserwege: Abschnitte der Fließwege, die entlang von Straßen oder Freiflächen verlaufen und das Wasser zu einem sicheren Ziel führen (Grünfläche, Retentionsfläche) — wie Essen es beschreibt: Wassermassen über Straßen und Notwasserwege in Grünbereiche und auf Freiflächen lenken. Ergebnis ist ein bearbeitbarer Linienlayer für die Planung (status 'candidate'; auf 'confirmed' oder 'rejected' setzen).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Methode.&lt;/b&gt; Ein Fließwegabschnitt (smartplan:flowpaths, nicht durch gefüllte Senken) wird in die Teile innerhalb der Leitfläche (Straßen mit ROAD_BUFFER_M gepuffert und Freiflächen) und außerhalb geteilt. Ein Teil ist ein Vorschlag, wenn der Fließweg, Abschnitt für Abschnitt nach unten verfolgt, eine Zielfläche erreicht; target nennt das erste erreichte Ziel. Ohne Ziele dienen Freiflächen als Ziel. Konflikte sind Stellen, an denen Fließwege Gebäude oder Unterführungen kreuzen oder sensiblen Einrichtungen näher als SENSITIVE_DISTANCE_M kommen; sie werden als Punkte ausgegeben und an den Wegen oberhalb vermerkt.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Eine Planungshilfe aus dem topografischen Screening: Bordsteine, Gefälle und Einläufe vor Ort prüfen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="48" />
        <source>Flow paths (smartplan:flowpaths)</source>
        <translation>Fließwege (smartplan:flowpaths)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="50" />
        <source>Roads (lines)</source>
        <translation>Straßen (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="52" />
        <source>Open space (polygons)</source>
        <translation>Freiflächen (Polygone)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="55" />
        <source>Safe target areas (green spaces, retention areas)</source>
        <translation>Sichere Zielflächen (Grünflächen, Retentionsflächen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="58" />
        <source>Name field of the targets</source>
        <translation>Namensfeld der Ziele</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="61" />
        <source>Buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="63" />
        <source>Underpasses (lines)</source>
        <translation>Unterführungen (Linien)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="65" />
        <source>Sensitive sites (points or polygons)</source>
        <translation>Sensible Einrichtungen (Punkte oder Flächen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="68" />
        <source>A flow path runs along a road within [m]</source>
        <translation>Ein Fließweg verläuft entlang einer Straße innerhalb von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="71" />
        <source>Conflict with a sensitive site within [m]</source>
        <translation>Konflikt mit einer sensiblen Einrichtung innerhalb von [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="74" />
        <source>Shortest route part kept [m]</source>
        <translation>Kürzester ausgegebener Wegabschnitt [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="244" />
        <source>Emergency flow routes</source>
        <translation>Notwasserwege</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="245" />
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="81" />
        <source>Candidate routes</source>
        <translation>Vorgeschlagene Notwasserwege</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="112" />
        <source>No flow paths were given.</source>
        <translation>Es wurden keine Fließwege angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="116" />
        <source>The flow path layer lacks the field '{f}': use the FLOWPATHS output of smartplan:flowpaths.</source>
        <translation>Dem Fließweg-Layer fehlt das Feld '{f}': verwenden Sie die Ausgabe FLOWPATHS von smartplan:flowpaths.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/notwasserwege.py" line="128" />
        <source>Give target areas (green spaces, retention areas) or open space: emergency flow routes must end in a safe target.</source>
        <translation>Geben Sie Zielflächen (Grünflächen, Retentionsflächen) oder Freiflächen an: Notwasserwege müssen in einem sicheren Ziel enden.</translation>
    </message>
</context>
<context>
    <name>RainScenarioAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="249" />
        <source>Heavy-rain scenario (fill and spill)</source>
        <translation>Starkregen-Szenario (Füllen und Überlaufen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="52" />
        <source>rare (selten): T = 30 a, D = 1 h</source>
        <translation>selten: T = 30 a, D = 1 h</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="53" />
        <source>exceptional (außergewöhnlich): T = 100 a, D = 1 h</source>
        <translation>außergewöhnlich: T = 100 a, D = 1 h</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="54" />
        <source>extreme (extrem): 90 mm in 1 h</source>
        <translation>extrem: 90 mm in 1 h</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="55" />
        <source>user-defined (benutzerdefiniert)</source>
        <translation>benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="59" />
        <source>&lt;p&gt;Fills the sinks of a terrain model with a block rain and lets full sinks spill into the next sink downstream (Arc-Malstrøm / Bluespot cascade, Balstrøm &amp;amp; Crawford 2018), upstream first.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Rain.&lt;/b&gt; Enter the local KOSTRA-DWD-2020 depth for D = 1 h in &lt;i&gt;Rain depth&lt;/i&gt; (NRW Arbeitshilfe: selten T = 30 a, außergewöhnlich T = 100 a; extrem 90 mm/1 h). Without a value the scenario uses an example: Hamburg 29 mm (SRI 5), 36 mm (SRI 7), 90 mm (NRW). Effective rain h&lt;sub&gt;eff&lt;/sub&gt; = ψ·h&lt;sub&gt;N&lt;/sub&gt; − h&lt;sub&gt;sewer&lt;/sub&gt;; ψ = 1 is the conservative default, a ψ raster overrides it per cell.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cascade.&lt;/b&gt; V&lt;sub&gt;in&lt;/sub&gt; = rain on the local catchment + spill of upstream sinks; stored = min(V&lt;sub&gt;in&lt;/sub&gt;, V); spill = V&lt;sub&gt;in&lt;/sub&gt; − stored. The water level follows the sink's hypsometric curve (level pool from the lowest cell). Mass balance: rain = stored + left the map (both reported).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limits.&lt;/b&gt; Final state after the rain, no time dimension, no sewer unless h&lt;sub&gt;sewer&lt;/sub&gt; &amp;gt; 0, D8 single flow direction. A screening, not a 2D simulation.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Füllt die Senken eines Geländemodells mit einem Blockregen; volle Senken laufen in die nächste Senke unterstrom über (Kaskade nach Arc-Malstrøm / Bluespot, Balstrøm &amp;amp; Crawford 2018), von oben nach unten.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Regen.&lt;/b&gt; Tragen Sie bei &lt;i&gt;Regenhöhe&lt;/i&gt; den örtlichen KOSTRA-DWD-2020-Wert für D = 1 h ein (NRW-Arbeitshilfe: selten T = 30 a, außergewöhnlich T = 100 a; extrem 90 mm/1 h). Ohne Wert nutzt das Szenario ein Beispiel: Hamburg 29 mm (SRI 5), 36 mm (SRI 7), 90 mm (NRW). Effektiver Regen h&lt;sub&gt;eff&lt;/sub&gt; = ψ·h&lt;sub&gt;N&lt;/sub&gt; − h&lt;sub&gt;Kanal&lt;/sub&gt;; ψ = 1 ist der konservative Standard, ein ψ-Raster ersetzt ihn zellweise.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Kaskade.&lt;/b&gt; V&lt;sub&gt;zu&lt;/sub&gt; = Regen auf dem lokalen Einzugsgebiet + Überlauf der oberen Senken; gespeichert = min(V&lt;sub&gt;zu&lt;/sub&gt;, V); Überlauf = V&lt;sub&gt;zu&lt;/sub&gt; − gespeichert. Der Wasserstand folgt der hypsometrischen Kurve der Senke (Füllung von der tiefsten Zelle). Volumenbilanz: Regen = gespeichert + abgeflossen (beides wird ausgegeben).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen.&lt;/b&gt; Endzustand nach dem Regen, keine Zeitdimension, keine Kanalisation außer h&lt;sub&gt;Kanal&lt;/sub&gt; &amp;gt; 0, D8-Einzelfließrichtung. Ein Screening, keine 2D-Simulation.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="77" />
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="79" />
        <source>Rain depth [mm] (local KOSTRA-DWD-2020 value)</source>
        <translation>Regenhöhe [mm] (örtlicher KOSTRA-DWD-2020-Wert)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="82" />
        <source>Runoff coefficient ψ</source>
        <translation>Abflussbeiwert ψ</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="85" />
        <source>Runoff coefficient raster ψ (optional, overrides the constant)</source>
        <translation>Abflussbeiwert-Raster ψ (optional, ersetzt den festen Wert)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="88" />
        <source>Sewer capacity deduction [mm]</source>
        <translation>Abzug Kanalkapazität [mm]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="167" />
        <source>Water depth</source>
        <translation>Wassertiefe</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="196" />
        <source>Flooded sinks</source>
        <translation>Überflutete Senken</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="213" />
        <source>Spill network</source>
        <translation>Überlaufnetz</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="97" />
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="97" />
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="99" />
        <source>Effective rain volume [m³]</source>
        <translation>Effektives Regenvolumen [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="99" />
        <source>Water stored in sinks [m³]</source>
        <translation>In Senken gespeichertes Wasser [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="99" />
        <source>Water leaving the map [m³]</source>
        <translation>Aus der Karte abfließendes Wasser [m³]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="99" />
        <source>Rain depth used [mm]</source>
        <translation>Verwendete Regenhöhe [mm]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="112" />
        <source>The user-defined scenario needs a rain depth: enter RAIN_MM in mm.</source>
        <translation>Das benutzerdefinierte Szenario braucht eine Regenhöhe: RAIN_MM in mm angeben.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="114" />
        <source>No rain depth given: using the example value {v:g} mm (Hamburg). Enter your local KOSTRA-DWD-2020 value for D = 1 h.</source>
        <translation>Keine Regenhöhe angegeben: es wird der Beispielwert {v:g} mm (Hamburg) verwendet. Tragen Sie Ihren örtlichen KOSTRA-DWD-2020-Wert für D = 1 h ein.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="132" />
        <source>The runoff coefficient raster must hold values between 0 and 1.</source>
        <translation>Das Abflussbeiwert-Raster muss Werte zwischen 0 und 1 enthalten.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="137" />
        <source>Filling depressions and routing flow …</source>
        <translation>Senken füllen und Abfluss berechnen …</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="145" />
        <source>Rain {r:,.1f} m³ = stored {s:,.1f} m³ + left the map {o:,.1f} m³ + no outlet {u:,.1f} m³ (difference {e:.3g} m³)</source>
        <translation>Regen {r:,.1f} m³ = gespeichert {s:,.1f} m³ + abgeflossen {o:,.1f} m³ + ohne Abfluss {u:,.1f} m³ (Differenz {e:.3g} m³)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="232" />
        <source>sink</source>
        <translation>Senke</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="232" />
        <source>volume m³</source>
        <translation>Volumen m³</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="232" />
        <source>stored m³</source>
        <translation>gespeichert m³</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="232" />
        <source>fill %</source>
        <translation>Füllung %</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="233" />
        <source>spill m³</source>
        <translation>Überlauf m³</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="233" />
        <source>buildings</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="239" />
        <source>Effective rain on the area</source>
        <translation>Effektiver Regen auf der Fläche</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="240" />
        <source>Stored in sinks</source>
        <translation>In Senken gespeichert</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="241" />
        <source>Left the map</source>
        <translation>Aus der Karte abgeflossen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="242" />
        <source>Areas without outlet</source>
        <translation>Flächen ohne Abfluss</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="243" />
        <source>Balance difference</source>
        <translation>Bilanzdifferenz</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="244" />
        <source>Sinks full / partly filled / total</source>
        <translation>Senken voll / teilgefüllt / gesamt</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="250" />
        <source>Water balance</source>
        <translation>Wasserbilanz</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="251" />
        <source>Sinks storing the most water</source>
        <translation>Senken mit dem meisten Wasser</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="252" />
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/rainscenario.py" line="253" />
        <source>rain depth {v:g} mm</source>
        <translation>Regenhöhe {v:g} mm</translation>
    </message>
</context>
<context>
    <name>SmartPlanAlgorithm</name>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="78" />
        <source>Heavy rain (Starkregen)</source>
        <translation>Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="161" />
        <source>The DEM has a geographic coordinate system ({crs}): distances and areas would be in degrees. Reproject it to a projected CRS in metres first, e.g. with 'Warp (reproject)' to EPSG:25832 (ETRS89 / UTM 32N) or EPSG:25833.</source>
        <translation>Das DGM hat ein geografisches Koordinatensystem ({crs}): Abstände und Flächen wären in Grad. Projizieren Sie es zuerst in ein metrisches KBS, z. B. mit 'Verzerren (Reprojizieren)' nach EPSG:25832 (ETRS89 / UTM 32N) oder EPSG:25833.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="165" />
        <source>The DEM has no coordinate reference system. Assign its projected CRS in metres (e.g. EPSG:25832) with 'Assign projection' and try again.</source>
        <translation>Das DGM hat kein Koordinatenbezugssystem. Weisen Sie sein metrisches KBS (z. B. EPSG:25832) mit 'Projektion zuweisen' zu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="167" />
        <source>The DEM's CRS uses '{units}' as unit. SmartPlan needs a projected CRS in metres: reproject the DEM first.</source>
        <translation>Das KBS des DGM hat die Einheit '{units}'. SmartPlan braucht ein projiziertes KBS in Metern: projizieren Sie das DGM zuerst um.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="169" />
        <source>The DEM is rotated (its geotransform has rotation terms). Warp it to a north-up grid first ('Warp (reproject)').</source>
        <translation>Das DGM ist gedreht (die Geotransformation hat Rotationsterme). Verzerren Sie es zuerst auf ein nordausgerichtetes Raster ('Verzerren (Reprojizieren)').</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="171" />
        <source>The DEM contains only NoData cells: there is nothing to analyse. Check the file and its NoData value.</source>
        <translation>Das DGM enthält nur NoData-Zellen: es gibt nichts zu analysieren. Prüfen Sie die Datei und ihren NoData-Wert.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="173" />
        <source>The raster cannot be read by GDAL: {path} {error}</source>
        <translation>GDAL kann das Raster nicht lesen: {path} {error}</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="174" />
        <source>The DEM has {cells:,} cells; this analysis needs about {need_gb:.1f} GB of memory but only {avail_gb:.1f} GB are available (limit here: about {max_cells:,} cells). Split the area into tiles (see the batch recipe in processing/) or choose a smaller extent.</source>
        <translation>Das DGM hat {cells:,} Zellen; diese Analyse braucht etwa {need_gb:.1f} GB Arbeitsspeicher, verfügbar sind nur {avail_gb:.1f} GB (Grenze hier: etwa {max_cells:,} Zellen). Teilen Sie das Gebiet in Kacheln (siehe Stapel-Rezept in processing/) oder wählen Sie einen kleineren Ausschnitt.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="189" />
        <source>Digital terrain model (DGM), projected CRS in metres</source>
        <translation>Digitales Geländemodell (DGM), projiziertes KBS in Metern</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="191" />
        <source>Buildings (raised as obstacles)</source>
        <translation>Gebäude (als Hindernisse angehoben)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="194" />
        <source>Raise buildings by [m]</source>
        <translation>Gebäude anheben um [m]</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="197" />
        <source>Building height field (overrides the raise per building)</source>
        <translation>Feld Gebäudehöhe (ersetzt die Anhebung je Gebäude)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="201" />
        <source>Enclosed NoData holes drain (otherwise they are walls)</source>
        <translation>Eingeschlossene NoData-Löcher entwässern (sonst sind sie Wände)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="209" />
        <source>No DEM was given.</source>
        <translation>Es wurde kein DGM angegeben.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="211" />
        <source>The DEM must be a file-based raster (GDAL); '{p}' layers are not supported. Save it as GeoTIFF first.</source>
        <translation>Das DGM muss ein dateibasiertes Raster (GDAL) sein; '{p}'-Layer werden nicht unterstützt. Speichern Sie es zuerst als GeoTIFF.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="217" />
        <source>DEM: {c} × {r} cells of {dx:g} × {dy:g} m, {v:,} with data</source>
        <translation>DGM: {c} × {r} Zellen zu {dx:g} × {dy:g} m, {v:,} mit Daten</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="259" />
        <source>{n} buildings raised as obstacles ({c:,} cells)</source>
        <translation>{n} Gebäude als Hindernisse angehoben ({c:,} Zellen)</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="98" />
        <source>Cancelled: no outputs were written.</source>
        <translation>Abgebrochen: es wurden keine Ergebnisse geschrieben.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/processing/base.py" line="220" />
        <source>Tip: numba is not installed. Results are the same without it, but with numba this analysis runs about 5 times faster (pip install numba).</source>
        <translation>Hinweis: numba ist nicht installiert. Die Ergebnisse sind ohne numba dieselben, mit numba läuft diese Analyse aber etwa 5-mal schneller (pip install numba).</translation>
    </message>
</context>
<context>
    <name>SmartPlanDock</name>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="27" />
        <source>SmartPlan</source>
        <translation>SmartPlan</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="31" />
        <source>Heavy-rain screening, green roofs and citizen feedback for municipal climate adaptation.</source>
        <translation>Starkregen-Screening, Gründächer und Bürgerbeteiligung für die kommunale Klimaanpassung.</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="38" />
        <source>Heavy rain</source>
        <translation>Starkregen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="53" />
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="68" />
        <source>Open the Processing dialog of this analysis</source>
        <translation>Processing-Dialog dieser Analyse öffnen</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="79" />
        <source>Accelerator: numba {v} active (fast sink analysis).</source>
        <translation>Beschleuniger: numba {v} aktiv (schnelle Senkenanalyse).</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/gui/dock.py" line="80" />
        <source>Accelerator: numba not installed. Everything works; installing numba makes the sink analysis about 5 times faster on large DEMs.</source>
        <translation>Beschleuniger: numba ist nicht installiert. Alles funktioniert; mit numba wird die Senkenanalyse auf großen DGM etwa 5-mal schneller.</translation>
    </message>
</context>
<context>
    <name>SmartPlanPlugin</name>
    <message>
        <location filename="../smartplan_plugin/plugin.py" line="49" />
        <source>SmartPlan panel</source>
        <translation>SmartPlan-Bedienfeld</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/plugin.py" line="52" />
        <source>Show or hide the SmartPlan panel</source>
        <translation>SmartPlan-Bedienfeld ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../smartplan_plugin/plugin.py" line="57" />
        <source>SmartPlan</source>
        <translation>SmartPlan</translation>
    </message>
</context>
<context>
    <name>SmartPlanProvider</name>
    <message>
        <location filename="../smartplan_plugin/processing/provider.py" line="30" />
        <source>SmartPlan – heavy rain, green roofs, citizen feedback ({v})</source>
        <translation>SmartPlan – Starkregen, Gründächer, Bürgerbeteiligung ({v})</translation>
    </message>
</context>
</TS>