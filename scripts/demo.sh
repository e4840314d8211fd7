#!/usr/bin/env bash
# A first look at dvc on a fresh machine, in a throw-away home directory:
# add a profile for the national portal, store a demo session through the
# library (as `dvc login` will), then `dvc status`, `dvc session token` and
# `dvc logout`, in Vietnamese and English. Nothing outside a temp dir is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin dvc --example seed_session
dvc=$PWD/target/debug/dvc
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache
unset DVC_TOKEN DVC_PROFILE DVC_CONFIG
show() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@" || echo "(exit code $?)"; }
show "$dvc" profile add cong-ty-demo --preset dvcqg-test --client-id dvc-cli
show "$dvc" --lang vi status
target/debug/examples/seed_session "$XDG_STATE_HOME/dvc" cong-ty-demo file >/dev/null
echo; echo "(a demo session was stored, as dvc login will store one)"
show "$dvc" --lang vi status
show "$dvc" --lang en status --json
show "$dvc" session token
show "$dvc" logout
show "$dvc" session token
