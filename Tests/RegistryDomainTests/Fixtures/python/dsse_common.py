# Copy of ../shared/bench/dsse_common.py (the peer benchmark's reference DSSE code), kept beside the
# interop tests so they need nothing outside the repository.
"""Shared helpers for the Python peers: key loading and DSSE envelope checking.

verify_envelope() is what a careful user's Python would do per file:
  parse envelope JSON -> check payloadType -> base64-decode payload and sig ->
  build the DSSE v1 PAE -> Ed25519 verify with the key named by keyid ->
  parse the payload JSON -> check schema and that the signing key belongs to
  the vendor the document names.
Expiry is NOT checked (the corpus uses fixed 2025 timestamps, so it would
depend on the date the benchmark runs).
"""
import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PAYLOAD_TYPE = "application/vnd.genai-attestation+json"
PAYLOAD_TYPE_B = PAYLOAD_TYPE.encode()
SCHEMA = "genai-attestation/v1"


def load_keys(keys_dir):
    """keyid -> (vendor slug, Ed25519PublicKey), from keys/keys.json."""
    with open(os.path.join(keys_dir, "keys.json")) as f:
        entries = json.load(f)
    return {e["keyid"]: (e["vendor"], Ed25519PublicKey.from_public_bytes(
        base64.b64decode(e["public_raw_b64"]))) for e in entries}


def pae(payload_type: bytes, body: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(body), body)


def verify_envelope(data: bytes, keys):
    """Return the parsed payload dict if the envelope verifies, else None."""
    try:
        env = json.loads(data)
        if env.get("payloadType") != PAYLOAD_TYPE:
            return None
        body = base64.b64decode(env["payload"], validate=True)
        for s in env["signatures"]:
            k = keys.get(s.get("keyid"))
            if k is None:
                continue
            vendor, pub = k
            try:
                pub.verify(base64.b64decode(s["sig"], validate=True), pae(PAYLOAD_TYPE_B, body))
            except InvalidSignature:
                continue
            doc = json.loads(body)
            if doc.get("schema") != SCHEMA or doc.get("vendor", {}).get("id") != vendor:
                return None
            if not isinstance(doc.get("version"), int):
                return None
            return doc
        return None
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        return None
