"""A local fake DIPAS server (threaded HTTP, loopback only) with realistic payloads and every edge
case of spec/feedback-formats.md, plus OGC API – Features and WFS 2.0 endpoints."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# 1x1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f80f0000010101005f0bd2e30000000049454e44ae426082"
)

PROJECT_AREA = {
    "type": "Polygon",
    "coordinates": [[[9.95, 53.55], [10.05, 53.55], [10.05, 53.60], [9.95, 53.60], [9.95, 53.55]]],
}
LONG_TEXT = ("Der Regen staut sich an der Unterführung. " * 125)[:5000]


def contribution(i, **over):
    p = {
        "id": str(1000 + i) if i % 2 else 1000 + i,
        "dateCreated": f"2024-05-{1 + i % 28:02d}T1{i % 10}:03:22Z",
        "link": f"https://beteiligung.example.org/drupal/node/{1000 + i}",
        "title": f"Beitrag {i}",
        "contributionType": ["Hinweis", "Idee", "Kritik", "none"][i % 4],
        "contributionContent": f"Text {i}: Wasser steht hier nach Starkregen.",
        "commentsNumber": i % 5,
        "category": ["Verkehr", "Grün", "Wasser"][i % 3],
        "votingPro": i % 7,
        "votingContra": str(i % 3),
        "keywordSuggested": "Starkregen, Keller",
        "keywordPicked": "Starkregen" if i % 2 else "",
        "belongToProject": "p1",
        "dipasLocated": True,
        "customAttribute": {
            "nlp_scores": {
                "content": "-",
                "relevance": "-",
                "response": "-",
                "mutuality": "-",
                "sentiment": "-",
            }
        },
        "someNewServerField": {"x": 1},
    }
    p.update(over.pop("props", {}))
    geom = over.pop("geometry", {"type": "Point", "coordinates": [9.96 + 0.001 * i, 53.56 + 0.0005 * i]})
    return {"type": "Feature", "geometry": geom, "properties": p}


def realistic_contributions(n=24):
    feats = [contribution(i) for i in range(n)]
    feats[1]["properties"].update(votingPro="12", votingContra="3", commentsNumber="2")  # numeric strings
    feats[2]["properties"].update(category="none", contributionType="none")  # sentinels
    feats[3]["properties"]["dipasLocated"] = False  # unlocated: the server puts the project area
    feats[3]["geometry"] = PROJECT_AREA
    feats[4]["geometry"] = {"type": "Point", "coordinates": [0, 0]}  # unlocated at [0, 0]
    feats[5]["geometry"] = {"type": "LineString", "coordinates": [[9.97, 53.57], [9.98, 53.575]]}
    feats[6]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[9.99, 53.58], [9.995, 53.58], [9.995, 53.585], [9.99, 53.58]]],
    }
    feats[7]["properties"]["contributionContent"] = (
        "<p>Radweg &amp;amp; Gehweg &uuml;berflutet</p><br>Zweite Zeile &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    feats[8]["properties"]["contributionContent"] = LONG_TEXT
    feats[9]["properties"]["contributionContent"] = (
        "Bitte melden: max.mustermann@example.org oder 040 123 456 78, seit 2021 jedes Jahr."
    )
    feats[10]["properties"]["title"] = "Unterführung <b>voll</b>"
    return feats


def comments_tree():
    return [
        {
            "id": "c1",
            "dateCreated": "2024-05-03T10:00:00Z",
            "title": "",
            "commentContent": "Stimmt &amp; zwar oft",
            "commentOnContribution": "1001",
            "commentedBy": [
                {
                    "id": "c2",
                    "dateCreated": "2024-05-04T10:00:00Z",
                    "commentContent": "<i>Ja</i>",
                    "commentOnComment": "c1",
                    "commentedBy": [],
                }
            ],
        }
    ]


class State:
    def __init__(self):
        self.contributions = realistic_contributions()
        self.categories_shape = "new"  # 'new' (2.2) or 'old' (before 2.2)
        self.maintenance = False
        self.requests = []
        self.flaky_left = 1
        self.busy_requests = 0
        self.auth_headers = []
        self.icon_requests = 0


def project(pid, name, count, categories_shape="new"):
    cats = (
        {
            "1": {"id": "1", "name": "Verkehr", "description": "", "weight": 2},
            "2": {"id": "2", "name": "Grün", "description": "", "weight": 1},
            "3": {"id": "3", "name": "Wasser", "description": "", "weight": 3},
        }
        if categories_shape == "new"
        else {"1": "Verkehr", "2": "Grün", "3": "Wasser"}
    )
    return {
        "type": "Feature",
        "geometry": PROJECT_AREA if pid == "p1" else {},
        "properties": {
            "id": pid,
            "nameFull": name,
            "description": "",
            "dateStart": "2024-05-01",
            "dateEnd": "2024-06-30",
            "dipasPhase": "phase1",
            "website": "",
            "standardCategories": cats,
            "referenceSystem": "4326",
            "hasParticipatoryText": [str(i) for i in range(count)],
        },
    }


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, code, body, ctype="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
            try:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up first (the time-limit tests)
                pass

        def do_GET(self):  # noqa: N802
            u = urlsplit(self.path)
            q = {k: v[0] for k, v in parse_qs(u.query).items()}
            path = u.path
            state.requests.append(self.path)
            host = f"127.0.0.1:{self.server.server_address[1]}"
            if path == "/drupal/dipas-pds/projects":
                n = len(state.contributions)
                return self.send(
                    200,
                    {
                        "type": "FeatureCollection",
                        "features": [
                            project("p1", "Starkregen Eimsbüttel", n, state.categories_shape),
                            project("p2", "Wartungsprojekt", 5),
                            project("p3", "Altes Format", 0, "old"),
                        ],
                    },
                )
            if path == "/drupal/dipas-pds/projects/p1/contributions":
                feats = [] if state.maintenance else state.contributions
                return self.send(
                    200, {"type": "FeatureCollection", "features": feats}, "application/geo+json"
                )
            if path == "/drupal/dipas-pds/projects/p1/commentedcontributions":
                feats = json.loads(json.dumps(state.contributions))
                feats[1]["properties"]["commentedBy"] = comments_tree()
                return self.send(200, {"type": "FeatureCollection", "features": feats})
            if path == "/drupal/dipas-pds/projects/p2/contributions":  # maintenance mode: empty 200
                return self.send(200, {"type": "FeatureCollection", "features": []})
            if path.startswith("/drupal/dipas-pds/projects/") and path.endswith("/contributions"):
                return self.send(404, {"status": "error", "message": "Project not found"})
            if path == "/drupal/dipas/init":
                return self.send(
                    200,
                    {
                        "taxonomy": {
                            "categories": [
                                {
                                    "id": 1,
                                    "name": "Verkehr",
                                    "description": "",
                                    "weight": 2,
                                    "field_category_icon": f"//{host}/icons/verkehr.png",
                                    "field_color": "#E10019",
                                },
                                {
                                    "id": 2,
                                    "name": "Grün",
                                    "description": "",
                                    "weight": 1,
                                    "field_category_icon": f"//{host}/icons/gruen.png",
                                    "field_color": "#00aa3c",
                                },
                                {
                                    "id": 3,
                                    "name": "Wasser",
                                    "description": "",
                                    "weight": 3,
                                    "field_category_icon": f"//{host}/icons/wasser.png",
                                    "field_color": "#0a5ab4",
                                },
                            ],
                            "rubrics": [{"name": "Hinweis"}, {"name": "Idee"}, {"name": "Kritik"}],
                        }
                    },
                )
            if path.startswith("/icons/"):
                state.icon_requests += 1
                return self.send(200, PNG, "image/png")
            if path == "/drupal/masterportal/layerstyles.json":
                return self.send(
                    200,
                    [
                        {
                            "styleId": "contributions",
                            "rules": [
                                {
                                    "conditions": {"properties": {"Thema": "Verkehr"}},
                                    "style": {
                                        "lineStrokeColor": [225, 0, 25, 1],
                                        "imageName": f"//{host}/icons/verkehr.png",
                                    },
                                }
                            ],
                        }
                    ],
                )
            if path == "/drupal/masterportal/layer/contributions":
                return self.send(
                    200,
                    {
                        "type": "FeatureCollection",
                        "features": [
                            {
                                "type": "Feature",
                                "geometry": {"type": "Point", "coordinates": [9.97, 53.56]},
                                "properties": {
                                    "nid": "501",
                                    "name": "Baum",
                                    "description": "Mehr &amp; Bäume",
                                    "link": "x",
                                    "Thema": "Grün",
                                    "Rubric": "Idee",
                                },
                            }
                        ],
                    },
                )
            if path == "/broken.json":
                return self.send(200, b'{"type": "FeatureCollection", "features": [', "application/json")
            if path == "/page.html":
                return self.send(200, b"<html><body>Login</body></html>", "text/html")
            if path == "/slow.json":
                time.sleep(float(q.get("s", "3")))
                return self.send(200, {"type": "FeatureCollection", "features": []})
            if path == "/trickle.json":  # one byte every ``every`` seconds, for ever (a stuck proxy)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(100000):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(float(q.get("every", "0.2")))
                except OSError:  # the client gave up
                    pass
                return None
            if path == "/private.json":  # needs the basic login smartplan:geheim
                import base64

                want = "Basic " + base64.b64encode(b"smartplan:geheim").decode()
                state.auth_headers.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") != want:
                    return self.send(401, {"message": "login required"})
                return self.send(200, {"type": "FeatureCollection", "features": []})
            if path == "/busy.json":  # always 503
                state.busy_requests += 1
                return self.send(503, b"busy", "text/plain")
            if path == "/fail500.json":
                return self.send(500, b"Internal Server Error", "text/plain")
            if path == "/flaky.json":
                if state.flaky_left > 0:
                    state.flaky_left -= 1
                    return self.send(503, b"busy", "text/plain")
                return self.send(200, {"type": "FeatureCollection", "features": []})
            if path == "/ogc/collections/beitraege/items":
                limit, offset = int(q.get("limit", "10")), int(q.get("offset", "0"))
                limit = min(limit, 7)  # the server caps the page size
                allf = [
                    {
                        "type": "Feature",
                        "id": f"o{i}",
                        "geometry": {"type": "Point", "coordinates": [10.0 + i * 0.001, 53.5]},
                        "properties": {
                            "titel": f"OGC {i}",
                            "beschreibung": "Text",
                            "kategorie": "Wasser",
                            "datum": "2024-06-01",
                        },
                    }
                    for i in range(23)
                ]
                page = allf[offset : offset + limit]
                links = []
                if offset + limit < len(allf):
                    links.append(
                        {
                            "rel": "next",
                            "href": f"/ogc/collections/beitraege/items?limit={limit}&offset={offset + limit}",
                        }
                    )
                return self.send(
                    200,
                    {
                        "type": "FeatureCollection",
                        "features": page,
                        "numberMatched": len(allf),
                        "links": links,
                    },
                    "application/geo+json",
                )
            if path == "/wfs":
                count, start = int(q.get("count", "10")), int(q.get("startIndex", "0"))
                count = min(count, 4)
                allf = [
                    {
                        "type": "Feature",
                        "id": f"w{i}",
                        "geometry": {"type": "Point", "coordinates": [53.55 + i * 0.001, 9.99]},  # lat/lon
                        "properties": {"name": f"WFS {i}", "description": "Hinweis", "thema": "Verkehr"},
                    }
                    for i in range(10)
                ]
                return self.send(
                    200,
                    {
                        "type": "FeatureCollection",
                        "features": allf[start : start + count],
                        "numberMatched": len(allf),
                    },
                )
            return self.send(404, {"status": "error", "message": "not found"})

    return Handler


class FakeDipas:
    def __init__(self):
        self.state = State()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
