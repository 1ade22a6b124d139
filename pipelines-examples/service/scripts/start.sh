#!/bin/sh
# Starts the service from this release, detached from the deploy agent's session.
set -e
root="$(cd ../.. && pwd)"   # hooks run in ROOT/releases/<deployment id>
PORT="${SERVICE_PORT:-8090}" SERVICE_STAGE=dev setsid nohup python3 app.py > "$root/service.log" 2>&1 < /dev/null &
echo $! > "$root/service.pid"
echo "started release $DEPLOYMENT_ID as pid $(cat "$root/service.pid") on port ${SERVICE_PORT:-8090}"
