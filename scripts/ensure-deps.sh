# Sourced by the scripts here: installs, on Debian/Ubuntu, what building and testing need when missing.
# Uses sudo when not root. Set GENAI_REGISTRY_NO_INSTALL=1 to only report what is missing.

ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -n "${GENAI_REGISTRY_NO_INSTALL:-}" ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "genai-registry: missing system packages: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})" >&2
        return 1
    fi
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "genai-registry: installing ${missing[*]} ..." >&2
    "${sudo[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# What building needs, found through pkg-config: libcurl's headers (the project's only HTTP stack) and
# libxml2's (its HTML parser reads watched terms pages).
ensure_build_deps() {
    ensure_packages libcurl4-openssl-dev libxml2-dev pkg-config
}

# What the tests also need: python3 and openssl for the loopback TLS server and test CA, gzip for the
# gzip-bomb fixture, xz-utils for the terms-history fixture, nginx for the HTTP/2 multiplexing test, chromium for the browser tests of the
# HTML report and the lookup page.
ensure_test_deps() {
    ensure_build_deps && ensure_packages python3 python3-venv openssl gzip xz-utils nginx-light ca-certificates chromium fonts-dejavu-core &&
        ensure_python_interop
}

# The independent DSSE / in-toto implementations the interop tests sign and verify with, from PyPI, pinned,
# in a virtual environment under .build (nothing is installed system-wide). Does nothing once they import.
ensure_python_interop() {
    local venv
    venv="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.build/python-interop"
    "$venv/bin/python" -c "import securesystemslib.dsse, in_toto_attestation.v1.statement" 2>/dev/null && return 0
    if [ -n "${GENAI_REGISTRY_NO_INSTALL:-}" ]; then
        echo "genai-registry: missing the Python interop packages in $venv (securesystemslib, in-toto-attestation)" >&2
        return 1
    fi
    echo "genai-registry: installing securesystemslib and in-toto-attestation into $venv ..." >&2
    python3 -m venv --system-site-packages "$venv" >&2 &&
        "$venv/bin/python" -m pip install -q --disable-pip-version-check \
            "securesystemslib[crypto]==1.6.0" "in-toto-attestation==0.9.3" >&2
}
