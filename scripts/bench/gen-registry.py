#!/usr/bin/env python3
"""Writes a synthetic registry of N tools (deterministic per seed) for benchmarks.

usage: gen-registry.py N DIR [--seed S] [--vendors V] [--categories K] [--no-compliant]

The records use the real format (every field present), a realistic size (~2.5 KB) and a mix
of terms so that every verdict occurs. DIR/Registry is created; DIR must not already hold one.
--categories K uses only the first K categories and --no-compliant makes every tool train on content: the
usual shape of a large real registry (few kinds of work, few compliant tools), where alternatives are hardest.
"""
import argparse, json, os, random, sys

CATEGORIES = ["text", "image", "video", "audio", "voice", "music", "3d", "code", "translation"]
PURPOSES = ["legal-hold", "deletion-grace", "service-improvement"]
TRAINING = ["never", "opt-in", "opt-out", "always", None]


def tool(i, rng, vendors, categories=CATEGORIES, compliant=True):
    vendor = vendors[i % len(vendors)]
    tid = f"synth-{i:05d}"
    retention = [{"purpose": "abuse-monitoring", "days": rng.choice([0, 7, 30, 30, 30, 90])}]
    if rng.random() < 0.2:
        retention.append({"purpose": rng.choice(PURPOSES), "days": rng.choice([None, 30, 365])})
    training = rng.choice(TRAINING[:2]) if rng.random() < 0.7 else rng.choice(TRAINING)
    if not compliant:
        training = "always"
    url = f"https://{vendor}.example/legal/{tid}"
    return {
        "id": tid,
        "name": f"Synth Tool {i:05d}",
        "aliases": [f"Synth {i}", f"ST{i:05d}"],
        "vendor": vendor,
        "tier": rng.choice(["Free", "Pro", "Enterprise", None]),
        "categories": rng.sample(categories, min(len(categories), rng.choice([1, 1, 2, 3]))),
        "summary": f"A synthetic tool number {i} for benchmarks.",
        "terms": {
            "retention": {
                "vendorRetention": retention if rng.random() < 0.95 else None,
                "publicByDefault": rng.random() < 0.05,
                "humanReview": rng.random() < 0.05,
                "perpetualLicence": rng.random() < 0.05,
                "customerControlledStorage": rng.choice([True, False, None]),
            },
            "training": {"inputs": training, "outputs": training},
            "environment": {
                "deployment": rng.choice(["saas", "saas", "customer-cloud", "self-hosted"]),
                "enterpriseTenant": rng.random() < 0.8,
                "sso": rng.random() < 0.9,
                "dpa": rng.random() < 0.9,
                "certifications": rng.choice([["soc2-type2"], ["iso27001", "soc2-type2"], [], None]),
            },
        },
        "evidence": [
            {"about": about, "url": f"{url}/{about}", "source": "vendor", "published": "undated",
             "retrieved": "2026-11-20", "summary": f"What the vendor says about {about} for tool {i}.", "quote": None}
            for about in ["retention", "training", "environment"]
        ],
        "arrangement": None,
        "conditions": [],
        "attestationURL": None,
        "watch": [{"type": "terms", "url": f"{url}/terms"}, {"type": "privacy", "url": f"{url}/privacy"}],
        "review": {"by": "bench", "on": "2026-11-20", "nextReviewBy": "2027-05-19", "documents": []},
        "notes": None,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int)
    p.add_argument("dir")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--vendors", type=int, default=50)
    p.add_argument("--categories", type=int, default=len(CATEGORIES))
    p.add_argument("--no-compliant", action="store_true")
    a = p.parse_args()
    root = os.path.join(a.dir, "Registry")
    if os.path.exists(root):
        sys.exit(f"{root} exists; choose an empty folder")
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(root, "tools"))
    os.makedirs(os.path.join(root, "vendors"))
    with open(os.path.join(here, "..", "..", "Registry", "policy.json")) as f:
        policy = f.read()
    with open(os.path.join(root, "policy.json"), "w") as f:
        f.write(policy)
    rng = random.Random(a.seed)
    vendors = [f"vendor-{v:03d}" for v in range(a.vendors)]
    for v in vendors:
        with open(os.path.join(root, "vendors", v + ".json"), "w") as f:
            json.dump({"id": v, "name": v.title(), "website": f"https://{v}.example", "domains": [], "contact": None,
                       "trustCenter": None, "keys": []}, f, indent=2)
            f.write("\n")
    for i in range(a.n):
        t = tool(i, rng, vendors, CATEGORIES[:a.categories], not a.no_compliant)
        with open(os.path.join(root, "tools", t["id"] + ".json"), "w") as f:
            json.dump(t, f, indent=2)
            f.write("\n")
    print(root)


if __name__ == "__main__":
    main()
