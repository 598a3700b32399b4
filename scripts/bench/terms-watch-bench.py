#!/usr/bin/env python3
"""Replays labelled terms-page histories through `genai-registry refresh` on loopback and counts, per document
and overall, false alarms (a transition labelled cosmetic that refresh reports as changed) and misses (one
labelled changed that it reports as unchanged), next to the naive whole-page hash.

Usage: terms-watch-bench.py BINARY TESTDATA_DIR SNAPSHOTS_DIR WORK_DIR [--mode selectors|main|both]
TESTDATA_DIR holds labels.tsv and selectors.json (see its README); SNAPSHOTS_DIR holds SLUG/NNN.html.
"""
import argparse, hashlib, http.server, json, os, shutil, subprocess, sys, threading

def load_labels(path):
    docs = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        docs.setdefault(f[0], []).append((int(f[1]), f[2]))
    return {slug: sorted(rows) for slug, rows in docs.items()}

class Pages:
    """What the loopback server answers: one page per document, replaced between refreshes."""
    def __init__(self):
        self.lock = threading.Lock()
        self.bodies = {}
    def set(self, slug, body):
        with self.lock:
            self.bodies[slug] = body
    def get(self, slug):
        with self.lock:
            return self.bodies.get(slug)

def serve(pages):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path.strip("/"))
            if body is None:
                self.send_response(404); self.end_headers(); return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

def make_registry(repo, root, port, docs, selectors, use_selectors):
    """A registry of one tool per document, each watching its page on loopback (no attestation)."""
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root + "/tools"); os.makedirs(root + "/vendors")
    shutil.copy(repo + "/Registry/policy.json", root + "/policy.json")
    template = None
    for name in sorted(os.listdir(repo + "/Registry/tools")):
        record = json.load(open(repo + "/Registry/tools/" + name, encoding="utf-8"))
        if record.get("attestationURL") is None:
            template = record
            break
    vendor = template["vendor"]
    shutil.copy(f"{repo}/Registry/vendors/{vendor}.json", f"{root}/vendors/{vendor}.json")
    for slug in docs:
        record = dict(template)
        record.update(id=slug, name="Terms of " + slug, aliases=[], review=None)
        watch = {"type": "terms", "url": f"http://127.0.0.1:{port}/{slug}"}
        if use_selectors:
            watch["select"] = selectors[slug]["select"]
            if selectors[slug].get("remove"):
                watch["remove"] = selectors[slug]["remove"]
        record["watch"] = [watch]
        json.dump(record, open(f"{root}/tools/{slug}.json", "w", encoding="utf-8"), indent=2)

def replay(binary, registry, pages, docs, snapshots):
    """Serves each history in order (all documents step by step) and returns each transition's status."""
    steps = max(max(i for i, _ in rows) for rows in docs.values()) + 1
    statuses = {slug: {} for slug in docs}
    for step in range(steps):
        for slug, rows in docs.items():
            if any(i == step for i, _ in rows):
                with open(f"{snapshots}/{slug}/{step:03d}.html", "rb") as f:
                    pages.set(slug, f.read())
        run = subprocess.run([binary, "refresh", "--registry", registry, "--allow-plain-http", "--format", "json"],
                             capture_output=True, text=True)
        try:
            report = json.loads(run.stdout)
        except ValueError:
            sys.exit(f"refresh gave no JSON report (exit {run.returncode}): {run.stderr.strip()[:500]}")
        for item in report["items"]:
            if item["kind"] == "document":
                statuses[item["tool"]][step] = (item["status"], item.get("message"))
    return statuses

def naive(snapshots, slug, rows):
    """The naive whole-page hash: any byte change is a change."""
    flags, last = {}, None
    for i, _ in rows:
        digest = hashlib.sha256(open(f"{snapshots}/{slug}/{i:03d}.html", "rb").read()).hexdigest()
        if last is not None:
            flags[i] = digest != last
        last = digest
    return flags

def score(docs, statuses, snapshots):
    rows_out, total = [], dict(n=0, chg=0, cos=0, fa=0, miss=0, fail=0, nfa=0, nmiss=0)
    for slug, rows in sorted(docs.items()):
        naive_flags = naive(snapshots, slug, rows)
        c = dict(n=0, chg=0, cos=0, fa=0, miss=0, fail=0, nfa=0, nmiss=0)
        notes = []
        for i, label in rows:
            if label == "baseline":
                continue
            status, message = statuses[slug].get(i, ("missing", None))
            c["n"] += 1
            changed_label = label == "changed"
            c["chg" if changed_label else "cos"] += 1
            if status not in ("changed", "unchanged", "first-seen"):
                c["fail"] += 1
                notes.append(f"{i:03d} failed: {status} {message or ''}")
            elif changed_label and status == "unchanged":
                c["miss"] += 1
                notes.append(f"{i:03d} missed")
            elif not changed_label and status == "changed":
                c["fa"] += 1
                notes.append(f"{i:03d} false alarm")
            if changed_label and not naive_flags[i]:
                c["nmiss"] += 1
            if not changed_label and naive_flags[i]:
                c["nfa"] += 1
        rows_out.append((slug, c, notes))
        for k in total:
            total[k] += c[k]
    return rows_out, total

def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "-"

def report(title, rows, total):
    print(f"\n## {title}\n")
    print("| document | transitions | changed | cosmetic | false alarms | misses | failed fetches | naive hash: false alarms | naive hash: misses |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for slug, c, _ in rows:
        print(f"| {slug} | {c['n']} | {c['chg']} | {c['cos']} | {c['fa']} | {c['miss']} | {c['fail']} | {c['nfa']} | {c['nmiss']} |")
    t = total
    print(f"| **all** | {t['n']} | {t['chg']} | {t['cos']} | **{t['fa']} ({pct(t['fa'], t['cos'])})** | **{t['miss']}** | {t['fail']} "
          f"| {t['nfa']} ({pct(t['nfa'], t['cos'])}) | {t['nmiss']} |")
    for slug, _, notes in rows:
        for n in notes:
            print(f"  {slug} {n}")

def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary"); p.add_argument("testdata"); p.add_argument("snapshots"); p.add_argument("work")
    p.add_argument("--mode", choices=["selectors", "main", "both"], default="both")
    a = p.parse_args()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    docs = load_labels(a.testdata + "/labels.tsv")
    selectors = json.load(open(a.testdata + "/selectors.json", encoding="utf-8"))
    pages = Pages()
    server = serve(pages)
    port = server.server_address[1]
    ok = True
    modes = ["selectors", "main"] if a.mode == "both" else [a.mode]
    for mode in modes:
        registry = f"{a.work}/registry-{mode}"
        make_registry(repo, registry, port, docs, selectors, mode == "selectors")
        rows, total = score(docs, replay(a.binary, registry, pages, docs, a.snapshots), a.snapshots)
        title = ("with the selectors of selectors.json" if mode == "selectors" else "without selectors (the main-content default)")
        report(title, rows, total)
        ok = ok and total["miss"] == 0 and total["fa"] <= 0.01 * total["cos"] and total["fail"] == 0
    server.shutdown()
    print("\ngoal (false alarms <= 1% of cosmetic transitions, no miss, no failed fetch):", "met" if ok else "NOT met")
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    main()
