#!/usr/bin/env python3
"""A signed-attestation corpus in the product's schema, and the registry that refreshes it.

usage: gen-attestations.py N DIR BASE_URL [--seed S]

Adapted from ../shared/bench/gen-corpus.py (same deterministic Ed25519 keys and DSSE v1 signing),
with payloads in genai-registry's `genai-attestation/v1` schema instead of the peers' ad-hoc one.
Writes:
  DIR/www/ours/att/<vendor>/<tool>.dsse.json   the envelopes (serve DIR/www over HTTP)
  DIR/Registry/                                 policy, 6 vendors with their pinned keys, N tool records whose
                                                attestationURL is BASE_URL/ours/att/<vendor>/<tool>.dsse.json
Expiry is one year after the generation day, so the corpus verifies when the benchmark runs.
"""
import argparse, base64, datetime as dt, hashlib, json, os, random, shutil, sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PAYLOAD_TYPE = "application/vnd.genai-attestation+json"
VENDORS = ["acme-ai", "northwind-labs", "contoso-cognitive", "globex-ml", "initech-intel", "umbrella-models"]
CATEGORIES = ["text", "image", "video", "audio", "voice", "music", "3d", "code", "translation"]
DOCS = ["terms", "privacy", "dpa", "trust"]


def pae(t: bytes, body: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)


def rfc3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("base_url")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    here = os.path.dirname(os.path.abspath(__file__))
    reg = os.path.join(a.dir, "Registry")
    www = os.path.join(a.dir, "www", "ours", "att")
    for d in (reg, os.path.join(a.dir, "www", "ours")):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(reg, "tools"))
    os.makedirs(os.path.join(reg, "vendors"))
    shutil.copy(os.path.join(here, "..", "..", "Registry", "policy.json"), os.path.join(reg, "policy.json"))
    today = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    keys = {}
    for v in VENDORS:
        sk = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"bench-vendor-key:{a.seed}:{v}".encode()).digest())
        raw = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        keyid = hashlib.sha256(raw).hexdigest()
        keys[v] = (sk, keyid)
        os.makedirs(os.path.join(www, v))
        with open(os.path.join(reg, "vendors", v + ".json"), "w") as f:
            json.dump({"id": v, "name": v.replace("-", " ").title(), "website": f"https://{v}.example", "domains": [], "contact": None,
                       "trustCenter": None, "keys": [{"keyid": keyid, "algorithm": "ed25519",
                       "publicKey": base64.b64encode(raw).decode(), "validFrom": "2024-01-01T00:00:00Z", "validUntil": None}]},
                      f, indent=2)
            f.write("\n")
    ptype = PAYLOAD_TYPE.encode()
    sizes = []
    for i in range(a.n):
        v = VENDORS[rng.randrange(len(VENDORS))]
        tool = f"{v}-tool-{i:06d}"
        train = rng.choice(["never", "opt-in", "opt-out"])
        issued = today - dt.timedelta(days=rng.randrange(1, 200))
        payload = {
            "schema": "genai-attestation/v1", "vendor": v, "tool": tool, "version": rng.randint(1, 60),
            "issued": rfc3339(issued),
            # A year from issue: within the policy's cap on an attestation's lifetime (400 days by default).
            "expires": rfc3339(issued + dt.timedelta(days=365)),
            "terms": {
                "retention": {"vendorRetention": [{"purpose": "abuse-monitoring", "days": rng.choice([0, 7, 30, 90])}],
                              "publicByDefault": False, "humanReview": False, "perpetualLicence": False,
                              "customerControlledStorage": rng.choice([True, False, None])},
                "training": {"inputs": train, "outputs": train},
                "environment": {"deployment": rng.choice(["saas", "customer-cloud"]), "enterpriseTenant": True,
                                "sso": rng.random() < 0.9, "dpa": True, "certifications": ["soc2-type2"]},
            },
            "documents": [{"url": f"https://{v}.example/legal/{d}/{i}", "sha256": hashlib.sha256(f"{tool}:{d}".encode()).hexdigest()}
                          for d in rng.sample(DOCS, rng.randint(1, 4))],
        }
        body = json.dumps(payload, separators=(",", ":")).encode()
        sk, keyid = keys[v]
        env = {"payloadType": PAYLOAD_TYPE, "payload": base64.b64encode(body).decode(),
               "signatures": [{"keyid": keyid, "sig": base64.b64encode(sk.sign(pae(ptype, body))).decode()}]}
        data = (json.dumps(env, separators=(",", ":")) + "\n").encode()
        sizes.append(len(data))
        with open(os.path.join(www, v, tool + ".dsse.json"), "wb") as f:
            f.write(data)
        record = {
            "id": tool, "name": f"Bench Tool {i}", "aliases": [], "vendor": v, "tier": None,
            "categories": [CATEGORIES[i % len(CATEGORIES)]], "summary": None,
            "terms": {"retention": {"vendorRetention": None, "publicByDefault": None, "humanReview": None,
                                    "perpetualLicence": None, "customerControlledStorage": None},
                      "training": {"inputs": None, "outputs": None},
                      "environment": {"deployment": None, "enterpriseTenant": None, "sso": None, "dpa": None, "certifications": None}},
            "evidence": [], "arrangement": None,
            "conditions": [],
            "attestationURL": f"{a.base_url}/ours/att/{v}/{tool}.dsse.json",
            "watch": [], "review": {"by": "bench", "on": today.strftime("%Y-%m-%d"), "nextReviewBy": None, "documents": []},
            "notes": None,
        }
        with open(os.path.join(reg, "tools", tool + ".json"), "w") as f:
            json.dump(record, f, indent=2)
            f.write("\n")
    s = sorted(sizes)
    print(f"wrote {a.n} envelopes (bytes median={s[len(s)//2]}, total={sum(s)}) and {reg}", file=sys.stderr)


if __name__ == "__main__":
    main()
