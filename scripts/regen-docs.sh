#!/usr/bin/env bash
# Regenerates the committed shell completions (completions/) and man pages
# (man/) from the clap definitions. tests/generated.rs fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin dvc
dvc=target/debug/dvc
"$dvc" completion bash > completions/dvc.bash
"$dvc" completion zsh > completions/_dvc
"$dvc" completion fish > completions/dvc.fish
"$dvc" completion powershell > completions/_dvc.ps1
"$dvc" completion elvish > completions/dvc.elv
rm -f man/*.1
"$dvc" man --dir man
echo "completions/ and man/ regenerated"
