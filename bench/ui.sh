#!/usr/bin/env bash
# ui.sh: the web UI's figures, measured in headless chromium against a real orchestrator, build agent and UI
# (the UiBench harness): a printed line's delay until it is on screen in an open Log page (median of 30), the
# time to open a 100,000-line log (median of 5), and a stage's status change until an open Run page shows it.
# Prints them as JSON. Takes about three minutes.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
case "${1:-}" in
  -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
"$root/bin/setup-engine" --if-needed --for-tests
cd "$root"
out="$(mktemp)"
echo "ui.sh: building Kiln" >&2
./mvnw -B -q install -DskipTests
echo "ui.sh: measuring in chromium" >&2
./mvnw -B -q -pl cli -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=UiBench -Dkiln.bench=ui -Dkiln.bench.out="$out"
cat "$out"
rm -f "$out"
