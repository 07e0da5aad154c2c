#!/usr/bin/env bash
# A local Kinesis for trying the job without AWS: kinesalite (the same server the tests use), plain HTTP.
#   deploy/local-kinesis.sh start [PORT]            install (npm ci) and start kinesalite in the background
#   deploy/local-kinesis.sh create STREAM [SHARDS]  create a stream
#   deploy/local-kinesis.sh put STREAM FILE         put each base64 payload line of FILE as one record
#   deploy/local-kinesis.sh stop                    stop the server started by 'start'
# The endpoint is http://127.0.0.1:PORT (default 4567, or $KINESIS_PORT).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
server_dir="$here/src/test/kinesalite"
port=${KINESIS_PORT:-4567}
pid_file="${TMPDIR:-/tmp}/vpc-flow-kinesalite.pid"

call() { # call TARGET JSON: one Kinesis JSON API call; kinesalite checks that a signature is present, not its value
  curl -sS --fail-with-body "http://127.0.0.1:$port/" \
    -H "X-Amz-Target: Kinesis_20131202.$1" -H 'Content-Type: application/x-amz-json-1.1' \
    -H "X-Amz-Date: $(date -u +%Y%m%dT%H%M%SZ)" \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0' \
    -d "$2"
}

case "${1:-}" in
  start)
    port=${2:-$port}
    [ -d "$server_dir/node_modules/kinesalite" ] || (cd "$server_dir" && npm ci --no-audit --no-fund --loglevel=error)
    node "$server_dir/server.js" --port "$port" --host 127.0.0.1 --createStreamMs 0 --updateStreamMs 0 --shardLimit 100 \
      >"${TMPDIR:-/tmp}/vpc-flow-kinesalite.log" 2>&1 &
    echo $! >"$pid_file"
    for _ in $(seq 50); do
      curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "kinesalite listening on http://127.0.0.1:$port"; exit 0; }
      sleep 0.2
    done
    echo "kinesalite did not start; see ${TMPDIR:-/tmp}/vpc-flow-kinesalite.log" >&2
    exit 1
    ;;
  create)
    call CreateStream "{\"StreamName\":\"$2\",\"ShardCount\":${3:-2}}"
    echo "stream $2 created"
    ;;
  put)
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
      [ -n "$line" ] || continue
      if ! printf '%s' "$line" | base64 -d >/dev/null 2>&1; then
        echo "skipping a line that is not base64 (Kinesis would refuse it)" >&2
        continue
      fi
      call PutRecord "{\"StreamName\":\"$2\",\"PartitionKey\":\"key-$n\",\"Data\":\"$line\"}" >/dev/null
      n=$((n + 1))
    done <"$3"
    echo "$n records put into $2"
    ;;
  stop)
    [ -f "$pid_file" ] && kill "$(cat "$pid_file")" && rm -f "$pid_file" && echo stopped
    ;;
  *)
    sed -n '2,7p' "$0"
    exit 2
    ;;
esac
