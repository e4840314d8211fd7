#!/usr/bin/env bash
# Runs every test of the workspace (dvc and dvc-sandbox). The keyring tests
# need a real Secret Service: this starts a private D-Bus session
# (dbus-run-session) and, inside it, scripts/test-in-session.sh starts a
# fresh, unlocked gnome-keyring-daemon, builds the binaries and runs
# `cargo test --workspace`. Both exit when the tests end.
# Needs the Debian packages dbus and gnome-keyring. Extra arguments go to
# `cargo test` (e.g. a test name).
set -euo pipefail
cd "$(dirname "$0")/.."
# The system packages the tests use; installed here when missing and we may.
packages="dbus gnome-keyring softhsm2 opensc p11-kit-modules openssl procps chromium python3"
missing=""
for tool in dbus-run-session gnome-keyring-daemon softhsm2-util pkcs11-tool openssl pgrep chromium python3; do
  command -v "$tool" >/dev/null || missing="$missing $tool"
done
compgen -G "/usr/lib/*/p11-kit-proxy.so" >/dev/null || missing="$missing p11-kit-proxy.so"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "scripts/test.sh: installing$missing ($packages)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
  else
    echo "scripts/test.sh: missing$missing; install: sudo apt-get install $packages" >&2
    exit 1
  fi
fi
exec dbus-run-session -- scripts/test-in-session.sh "$@"
