#!/usr/bin/env bash
# Runs every test: unit, integration (fixture sites, snapshots, Nu Html Checker) and browser
# tests (headless Chromium). Browser and HTML-checker tests skip loudly when their tools are
# missing, except with CI=true, where they fail. `bash .ci/run` installs those tools.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ] && { [ ! -d node_modules/vnu-jar ] || [ ! -d node_modules/axe-core ]; } && command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error
fi
cargo test --locked "$@"
# The search benchmark's self-check: the index against a scan of generated reports.
cargo test --locked --bench search
