#!/bin/sh
# The service must answer its health check within ten seconds.
for _ in $(seq 20); do
  if curl -fsS "http://127.0.0.1:${SERVICE_PORT:-8090}/health" > /dev/null 2>&1; then
    echo "healthy: $(curl -fsS "http://127.0.0.1:${SERVICE_PORT:-8090}/")"
    exit 0
  fi
  sleep 0.5
done
echo "no answer on port ${SERVICE_PORT:-8090}; the service's output:" >&2
tail -n 20 "$(cd ../.. && pwd)/service.log" >&2
exit 1
