#!/usr/bin/env python3
"""The FHIR server's own rate for the calls a backfill makes, measured without the model.

  fhir_replay.py record LISTEN_PORT UPSTREAM_BASE FILE
      A recording proxy on 127.0.0.1:LISTEN_PORT: forwards every request to UPSTREAM_BASE
      (http://127.0.0.1:PORT/fhir) and appends it (method, path, headers that matter, body) to
      FILE as one JSON line. Point `fhirner backfill --fhir-base http://127.0.0.1:LISTEN_PORT/fhir`
      at it once; stop it with SIGTERM. FILE holds note-derived findings: keep it in a temp dir.

  fhir_replay.py docs BASE TYPE > DOCS
      The recorded notes (load_notes.py's TYPE code): their ids, versions and Patients, as JSON.

  fhir_replay.py replay BASE FILE DOCS NEW_TYPE IN_FLIGHT
      Replays FILE against BASE (a fresh server is fairest: the test server slows as it fills) for
      the same notes loaded again under NEW_TYPE (load_notes.py, same notes, same order): every
      DocumentReference, version and Patient id in DOCS is rewritten to its NEW_TYPE twin, so the
      reads, searches and transactions are the same calls on fresh documents. Each document's calls run in their recorded order, IN_FLIGHT documents at
      once (the walk's searches are one more sequence). Prints one line:
      `server alone: N notes in S s = R notes/s (C calls, F not 2xx)`, and the mean time per kind of
      call on stderr; exits 1 when any call was not 2xx (the replay then measured something else).
"""
import http.client, http.server, json, re, sys, threading, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor

KEPT_REQUEST = ("content-type", "accept", "prefer", "if-match", "if-none-exist", "if-none-match")
KEPT_RESPONSE = ("content-type", "etag", "location", "content-location", "retry-after")


def exchange(local, host, port, method, path, body, headers):
    """One request on this thread's kept-alive connection; one the server closed while idle
    (Node closes them after 5 s) is opened again, once. Returns (response, body)."""
    for attempt in (1, 2):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(host, port)
        try:
            local.conn.request(method, path, body or None, headers)
            response = local.conn.getresponse()
            return response, response.read()
        except (ConnectionError, http.client.HTTPException):
            del local.conn
            if attempt == 2:
                raise


def record(listen_port, upstream, path):
    target = urllib.parse.urlsplit(upstream)
    prefix = "/" + urllib.parse.urlsplit(upstream).path.strip("/")
    lock, out = threading.Lock(), open(path, "a", encoding="utf-8")
    local = threading.local()

    class Proxy(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() in KEPT_REQUEST}
            rest = self.path[len("/fhir"):] if self.path.startswith("/fhir") else self.path
            response, data = exchange(local, target.hostname, target.port, self.command, prefix + rest, body, headers)
            with lock:
                out.write(json.dumps({"m": self.command, "p": rest, "h": headers, "b": body.decode("utf-8")}) + "\n")
                out.flush()
            self.send_response(response.status)
            for k, v in response.getheaders():
                if k.lower() in KEPT_RESPONSE:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = forward

    http.server.ThreadingHTTPServer(("127.0.0.1", listen_port), Proxy).serve_forever()


def documents(base, code):
    """(id, versionId, subject) of every DocumentReference with the type code, oldest first."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    query = urllib.parse.urlencode({"type": f"http://loinc.org|{code}", "_sort": "_lastUpdated", "_count": "1000"})
    conn.request("GET", f"{url.path}/DocumentReference?{query}", headers={"Accept": "application/fhir+json"})
    bundle = json.loads(conn.getresponse().read())
    found = [e["resource"] for e in bundle.get("entry", [])]
    return [(r["id"], r["meta"]["versionId"], r["subject"]["reference"].split("/")[-1]) for r in found]


def replay(base, path, docs, new_type, in_flight):
    with open(docs, encoding="utf-8") as f:
        recorded = json.load(f)
    old_type, old = recorded["type"], [tuple(d) for d in recorded["documents"]]
    new = documents(base, new_type)
    if len(old) != len(new) or not old:
        sys.exit(f"replay: {len(old)} documents of {old_type} but {len(new)} of {new_type}")
    rewrite = {old_type: new_type}
    for o, n in zip(old, new):
        rewrite.update(zip(o, n))
    pattern = re.compile("|".join(re.escape(k) for k in sorted(rewrite, key=len, reverse=True)))
    groups = {o[0]: [] for o in old}
    groups["walk"] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            call = json.loads(line)
            owner = next((d for d in groups if d != "walk" and (d in call["p"] or d in call["b"])), "walk")
            groups[owner].append({k: pattern.sub(lambda m: rewrite[m.group(0)], v) if isinstance(v, str) else v for k, v in call.items()})
    url = urllib.parse.urlsplit(base)
    local = threading.local()
    failures, calls, spent, lock = [], [0], {}, threading.Lock()

    def run(sequence):
        for call in sequence:
            started = time.perf_counter()
            response, _ = exchange(local, url.hostname, url.port, call["m"], url.path + call["p"], call["b"].encode("utf-8"), call["h"])
            kind = call["m"] + " " + (call["p"].split("?")[0].split("/")[1] if call["p"] else "transaction")
            with lock:
                spent.setdefault(kind, []).append(time.perf_counter() - started)
            calls[0] += 1
            if response.status >= 300:
                failures.append(f"{call['m']} {call['p'].split('?')[0]}: {response.status}")

    start = time.perf_counter()
    with ThreadPoolExecutor(in_flight) as pool:
        list(pool.map(run, [groups["walk"]] + [groups[o[0]] for o in old]))
    elapsed = time.perf_counter() - start
    print(f"server alone: {len(old)} notes in {elapsed:.1f} s = {len(old) / elapsed:.2f} notes/s ({calls[0]} calls, {len(failures)} not 2xx)")
    print("replay: " + "; ".join(f"{k} {len(v)} x {sum(v) / len(v) * 1000:.0f} ms" for k, v in sorted(spent.items())), file=sys.stderr)
    for failure in failures[:5]:
        print(f"replay: {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "record":
        record(int(sys.argv[2]), sys.argv[3].rstrip("/"), sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "docs":
        print(json.dumps({"type": sys.argv[3], "documents": documents(sys.argv[2].rstrip("/"), sys.argv[3])}))
    elif len(sys.argv) == 7 and sys.argv[1] == "replay":
        replay(sys.argv[2].rstrip("/"), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    else:
        sys.exit(__doc__)
