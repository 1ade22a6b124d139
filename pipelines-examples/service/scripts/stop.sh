#!/bin/sh
# Stops the service the previous release started (its pid is kept beside the releases).
pidfile="$(cd ../.. && pwd)/service.pid"   # beside the releases: ROOT/service.pid
if [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null; then
  echo "stopped service pid $(cat "$pidfile")"
fi
rm -f "$pidfile"
