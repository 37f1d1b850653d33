#!/bin/sh
# One entry for a fresh machine: installs what is needed, then runs the app, the tests or the benchmarks.
#   sh packaging/dev.sh demo      install and start the app on the built-in demo data
#   sh packaging/dev.sh app       install and start the app on your own store
#   sh packaging/dev.sh test      install and run the whole test suite
#   sh packaging/dev.sh bench     install and run the benchmarks
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
what="${1:-demo}"
[ $# -gt 0 ] && shift

# Debian libraries Qt needs even offscreen, a virtual screen for screenshots, pdftoppm,
# and Samba for the real-SMB sync tests. Installed only when missing and when root.
DEB_QT="libgl1 libglib2.0-0 libxkbcommon0 libegl1 libfreetype6 libfontconfig1 libdbus-1-3 \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1"
DEB_TEST="xvfb xauth poppler-utils samba"
need_debs() {
    missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    echo "$missing"
}
install_debs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    missing=$(need_debs "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = "0" ]; then
        echo "Installing Debian packages:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "Please install these Debian packages first (as root):"
        echo "  apt-get install$missing"
        exit 1
    fi
}

PY=${PYTHON:-python3}
setup_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV" || { echo "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"; exit 1; }
    fi
    stamp="$VENV/.installed-$(cat pyproject.toml | cksum | cut -d' ' -f1)-$1"
    if [ ! -f "$stamp" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip
        if [ "$1" = test ]; then
            "$VENV/bin/python" -m pip install -q -e ".[test]"
        else
            "$VENV/bin/python" -m pip install -q -e .
        fi
        touch "$stamp"
    fi
}

case "$what" in
    demo|app)
        install_debs $DEB_QT
        setup_venv app
        if [ "$what" = demo ]; then set -- --demo "$@"; fi
        exec "$VENV/bin/employer-desk" "$@"
        ;;
    test)
        install_debs $DEB_QT $DEB_TEST
        setup_venv test
        export QT_QPA_PLATFORM=offscreen
        # One worker per core (TEST_WORKERS=1 runs in this process); a test file stays on
        # one worker, so its module fixtures are built once.
        workers="${TEST_WORKERS:-auto}"
        if [ "$workers" = 1 ]; then
            exec "$VENV/bin/python" -m pytest -q "$@"
        fi
        exec "$VENV/bin/python" -m pytest -q -n "$workers" --dist loadfile "$@"
        ;;
    bench)
        install_debs $DEB_QT
        setup_venv test
        export QT_QPA_PLATFORM=offscreen
        exec "$VENV/bin/python" -m tests.bench "$@"
        ;;
    *)
        echo "usage: sh packaging/dev.sh demo|app|test|bench" >&2
        exit 2
        ;;
esac
