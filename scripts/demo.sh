#!/usr/bin/env bash
# dvc's main job on a fresh machine, with nothing to set up: start the
# built-in sandbox portal (it approves the phone confirmation by itself after
# 3 seconds), log in with a digital-signature SIM, look at the session, and
# call the portal's API with the token. Everything lives in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --workspace --bins
bin=$PWD/target/debug
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
unset DVC_TOKEN DVC_PROFILE DVC_CONFIG
show() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

"$bin/dvc-sandbox" serve --port 0 --data "$work/sandbox" --auto-approve 3 > "$work/issuer" 2> "$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 100); do grep -q '^ISSUER=' "$work/issuer" 2>/dev/null && break; sleep 0.1; done
issuer=$(sed -n 's/^ISSUER=//p' "$work/issuer")
echo "Sandbox portal: $issuer (demo accounts: $bin/dvc-sandbox accounts --data $work/sandbox)"

show dvc login --issuer "$issuer" --client-id dvc-cli --sim 0912345678 --insecure-storage
"$bin/dvc" login --issuer "$issuer" --client-id dvc-cli --sim 0912345678 --insecure-storage
show dvc status
"$bin/dvc" status
show dvc --lang vi status --json
"$bin/dvc" --lang vi status --json
show 'DVC_TOKEN=$(dvc session token) dvc api /api/me'
DVC_TOKEN=$("$bin/dvc" session token) "$bin/dvc" api /api/me
echo
show dvc logout
"$bin/dvc" logout
