#!/usr/bin/env bash
# Inside a private D-Bus session (see scripts/test.sh): start a fresh,
# unlocked gnome-keyring-daemon with its own data and runtime directories,
# never the developer's own keyring, then run the tests of the whole
# workspace (dvc and dvc-sandbox), requiring the keyring tests to find it.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
mkdir -m 0700 "$keyring_home/data" "$keyring_home/run"
printf dvc-test | XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" \
  gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
export DVC_REQUIRE_KEYRING=1
# The HTML report test renders in a real Chromium (scripts/test.sh installs it).
export DVC_REQUIRE_CHROMIUM=1
# The integration tests run the dvc-sandbox binary, which belongs to another
# package (no CARGO_BIN_EXE_ for it): build it first, with the build flags
# given to this script. (The harness would build it too, inside a test.)
build_flags=()
for arg in "$@"; do
  case "$arg" in
    --locked | --offline | --frozen | --release) build_flags+=("$arg") ;;
  esac
done
cargo build --workspace --bins "${build_flags[@]}"
cargo test --workspace "$@"
