#!/usr/bin/env bash
# dvc's main job on a fresh machine, with nothing to set up: start the
# built-in sandbox portal (it approves the phone confirmation by itself after
# 3 seconds), log in with a digital-signature SIM, look at the session, and
# call the portal's API with the token. Then the same as the portal's own
# web page does it (the sandbox's web mode, recipe sandbox-web, reached with
# --connect-to and --ca-file): the session is the portal's cookie.
# Everything lives in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --workspace --bins
bin=$PWD/target/debug
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
# Ctrl-C: the temp dir is removed (EXIT) and the demo ends as interrupted.
trap 'exit 130' INT TERM
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
unset DVC_TOKEN DVC_PROFILE DVC_CONFIG
# The commands in bold in a terminal, plain in a pipe or a file.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  show() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
  show() { printf '\n$ %s\n' "$*"; }
fi

"$bin/dvc-sandbox" serve --port 0 --data "$work/sandbox" --web --auto-approve 3 > "$work/issuer" 2> "$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 100); do grep -q '^CONNECT_TO=vneid' "$work/issuer" 2>/dev/null && break; sleep 0.1; done
issuer=$(sed -n 's/^ISSUER=//p' "$work/issuer")
web_ca=$(sed -n 's/^WEB_CA=//p' "$work/issuer")
# The sandbox's own host names (recipe sandbox-web): where to connect, as curl's --connect-to.
web=()
while read -r rule; do web+=(--connect-to "$rule"); done < <(sed -n 's/^CONNECT_TO=\(.*dvc-sandbox\.test:.*\)$/\1/p' "$work/issuer")
web+=(--ca-file "$web_ca")
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

echo
echo "Web mode: the portal's pages under https://portal.dvc-sandbox.test, reached with ${web[*]}"
show dvc --profile web login --recipe sandbox-web --sim 0912345678 --connect-to … --ca-file "$web_ca" --insecure-storage
"$bin/dvc" --profile web login --recipe sandbox-web --sim 0912345678 "${web[@]}" --insecure-storage
show dvc --profile web status
"$bin/dvc" --profile web status
show dvc --profile web api /api/me --connect-to … --ca-file …
"$bin/dvc" --profile web api /api/me "${web[@]}"
echo
show dvc --profile web session cookies
"$bin/dvc" --profile web session cookies
show dvc --profile web logout --connect-to … --ca-file …
"$bin/dvc" --profile web logout "${web[@]}"
