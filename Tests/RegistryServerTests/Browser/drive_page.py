#!/usr/bin/env python3
"""Drives the lookup page in headless Chromium over the DevTools protocol (--remote-debugging-pipe, so
only the standard library is needed) like a person would: types in the search box key by key, clicks a
card open, ticks a use and presses Ask, then opens the search as a shared link (?q=). Prints what the
page showed at each step as one JSON object.

With QUERIES (a JSON file: [{"tool": ID, "uses": [USE, ...]}, ...]) it then opens the page at
?tool=ID&use=USE... for each and records the answer shown ("answers", in order: decision, reasons and
the alternatives line, or the problem shown instead).

usage: drive_page.py CHROMIUM BASE_URL SEARCH_TEXT CARD_ID ASK_TOOL ASK_USE [QUERIES]
"""
import json, os, signal, subprocess, sys, tempfile, time, shutil
from urllib.parse import quote

chromium, base, search, card_id, ask_tool, ask_use = sys.argv[1:7]
queries = json.load(open(sys.argv[7])) if len(sys.argv) > 7 else []
DEADLINE = time.time() + 60 + len(queries)

profile = tempfile.mkdtemp(prefix="drive-page-")
to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()
# Chromium reads commands on fd 3 and writes replies on fd 4: move both ends out of the way first, so
# placing one cannot overwrite the other.
def child_fds():
    high_r = os.dup2(to_browser_r, 200)
    high_w = os.dup2(from_browser_w, 201)
    os.dup2(high_r, 3)
    os.dup2(high_w, 4)
# Its own session (so that its helper processes can be stopped with it) and its temporary files inside
# the profile (Chromium leaves an org.chromium.Chromium.* folder in TMPDIR when it does not exit cleanly).
proc = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
     "--user-data-dir=" + os.path.join(profile, "data"), "--window-size=1200,900", "about:blank"],
    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    close_fds=False, preexec_fn=child_fds, start_new_session=True, env=dict(os.environ, TMPDIR=profile))
os.close(to_browser_r)
os.close(from_browser_w)
writer = os.fdopen(to_browser_w, "wb", buffering=0)
reader = os.fdopen(from_browser_r, "rb", buffering=0)
buffer = b""
next_id = 0
events = []
errors = []

def read_message():
    global buffer
    while b"\0" not in buffer:
        if time.time() > DEADLINE:
            raise TimeoutError("chromium did not answer in time")
        chunk = reader.read(65536)
        if not chunk:
            raise EOFError("chromium closed the pipe")
        buffer += chunk
    raw, buffer = buffer.split(b"\0", 1)
    return json.loads(raw)

def note(message):
    method = message.get("method")
    if method == "Log.entryAdded" and message["params"]["entry"]["level"] == "error":
        errors.append(message["params"]["entry"]["text"])
    elif method == "Runtime.exceptionThrown":
        errors.append(message["params"]["exceptionDetails"].get("text", "exception"))
    events.append(message)

def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    writer.write(json.dumps(message).encode() + b"\0")
    while True:
        reply = read_message()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise RuntimeError(method + ": " + json.dumps(reply["error"]))
            return reply.get("result", {})
        note(reply)

def wait_event(name, session):
    for i, e in enumerate(events):
        if e.get("method") == name and e.get("sessionId") == session:
            del events[: i + 1]
            return e
    while True:
        message = read_message()
        note(message)
        if message.get("method") == name and message.get("sessionId") == session:
            events.clear()
            return message

def evaluate(expression, session):
    result = send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session)
    return result.get("result", {}).get("value")

def click(selector, session):
    box = evaluate("(() => { const e = document.querySelector(%s); e.scrollIntoView({block: 'center'});"
                   " const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
                   % json.dumps(selector), session)
    for kind in ("mousePressed", "mouseReleased"):
        send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1}, session)

def navigate(url, session):
    events.clear()
    send("Page.navigate", {"url": url}, session)
    wait_event("Page.loadEventFired", session)

out = {}
try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        send(domain + ".enable", {}, session)
    navigate(base + "/", session)
    visible = "Array.from(document.querySelectorAll('#results .card')).filter(c => !c.hidden).map(c => c.dataset.tool)"
    out["initialVisible"] = evaluate(visible, session)
    out["title"] = evaluate("document.title", session)
    out["lang"] = evaluate("document.documentElement.lang", session)
    out["searchLabel"] = evaluate("document.querySelector('label[for=q]').textContent", session)

    # Type into the search box key by key, as a person does.
    click("#q", session)
    for ch in search:
        send("Input.dispatchKeyEvent", {"type": "keyDown", "text": ch, "key": ch, "unmodifiedText": ch}, session)
        send("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch}, session)
    out["afterTyping"] = evaluate(visible, session)
    out["count"] = evaluate("document.getElementById('count').textContent", session)
    out["urlAfterTyping"] = evaluate("location.search", session)

    # Names run together, a version after the name, and a name the registry does not hold.
    def search_for(text):
        evaluate("(() => { const i = document.getElementById('q'); i.value = %s; i.dispatchEvent(new Event('input')); })()"
                 % json.dumps(text), session)
    probes = []
    for text in ["betachat", "beta chat 2", "zzz tool"]:
        search_for(text)
        probes.append({"q": text, "visible": evaluate(visible, session),
                       "none": evaluate("(n => n.hidden ? null : n.textContent)(document.getElementById('none'))", session)})
    out["probes"] = probes
    search_for(search)

    # Open a card by clicking its summary.
    click("#tool-%s summary" % card_id, session)
    out["cardOpen"] = evaluate("document.querySelector('#tool-%s details').open" % card_id, session)
    out["cardText"] = evaluate("document.querySelector('#tool-%s .card-body').innerText" % card_id, session)
    out["cardBadge"] = evaluate("getComputedStyle(document.querySelector('#tool-%s .badge')).backgroundColor" % card_id, session)

    # Ask the use-case question: choose the tool, tick the use, press Ask.
    evaluate("(() => { const s = document.getElementById('ask-tool'); s.value = %s; s.dispatchEvent(new Event('change')); })()"
             % json.dumps(ask_tool), session)
    click("#use-%s" % ask_use, session)
    out["useChecked"] = evaluate("document.getElementById('use-%s').checked" % ask_use, session)
    # Read the mode before pressing Ask: in server mode the press navigates, and a page being replaced
    # cannot be asked anything ("Inspected target navigated or closed").
    server_mode = evaluate("document.body.dataset.mode", session) == "server"
    events.clear()
    click("#ask-form button[type=submit]", session)
    if server_mode:
        wait_event("Page.loadEventFired", session)
    deadline = time.time() + 10
    while time.time() < deadline and not evaluate("!!document.querySelector('#answer .decision')", session):
        time.sleep(0.1)
    out["answerDecision"] = evaluate("(document.querySelector('#answer .decision') || {dataset: {}}).dataset.decision || null", session)
    out["answerText"] = evaluate("document.getElementById('answer').innerText", session)
    out["urlAfterAsk"] = evaluate("location.search", session)

    # The search as a shared link (?q=): the page opens filtered, with the words in the box.
    navigate(base + "/?q=" + quote(search, safe=""), session)
    out["sharedSearch"] = evaluate(visible, session)
    out["sharedSearchBox"] = evaluate("document.getElementById('q').value", session)
    out["sharedSearchCount"] = evaluate("document.getElementById('count').textContent", session)

    # Each query as a shared link: the page answers from its address when it loads.
    answer = ("(() => { const d = document.querySelector('#answer .decision'), p = document.querySelector('#answer .problem');"
              " return d ? {decision: d.dataset.decision, reasons: Array.from(d.querySelectorAll(':scope > ul > li')).map(li => li.textContent),"
              " alternatives: (d.querySelector('.alternatives') || {}).textContent || null}"
              " : p ? {problem: p.textContent} : null; })()")
    answers = []
    for q in queries:
        navigate(base + "/?tool=" + quote(q["tool"], safe="") + "".join("&use=" + quote(u, safe="") for u in q["uses"]) + "#ask", session)
        deadline = time.time() + 10
        while time.time() < deadline and not evaluate("!!document.querySelector('#answer .decision, #answer .problem')", session):
            time.sleep(0.05)
        answers.append(evaluate(answer, session))
    out["answers"] = answers
    out["errors"] = errors
finally:
    try:
        # Ask the browser to close (it then removes its own files); stop its whole session if it does not.
        try:
            writer.write(json.dumps({"id": next_id + 1, "method": "Browser.close", "params": {}}).encode() + b"\0")
            proc.wait(timeout=5)
        except Exception:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
print(json.dumps(out))
