#!/usr/bin/env bash
# `make run`: seeds the demo org (once), serves it, and feeds it live from `snag mock-ats`, which
# sends signed Standard Webhooks events to the demo's ATS connector: candidates appear, offer
# links expire, documents go missing, resumes fail to parse, and tickets open by themselves.
# A second mock ATS serves candidate pages with Snag's "Report a problem" widget on them, on the
# next port (ATS_PAGES to choose another address), so the widget can be tried where it is meant
# to live: on an ATS page of another origin. Ctrl-C (or SIGTERM) stops them all.
#
# Usage: scripts/run-demo.sh LISTEN DATABASE_FILE [EVENTS_PER_SECOND]
set -euo pipefail

listen=${1:?listen address, e.g. 127.0.0.1:8080}
database=${2:?demo database file}
rate=${3:-0.5}
snag=${SNAG:-build/snag}
ats_pages=${ATS_PAGES:-${listen%:*}:$((${listen##*:} + 1))}
# The feed and the pages tell of the same candidates.
seed=$RANDOM

mkdir -p "$(dirname "$database")"
seeded=$("$snag" demo --database "sqlite:$database" --if-empty)
echo "$seeded"
secret=$(sed -n 's/^demo ATS connector: .*secret \(whsec_[^)]*\)).*/\1/p' <<<"$seeded")

server_pid=""
feed_pid=""
pages_pid=""
stop() {
  trap - INT TERM EXIT
  [[ -n $pages_pid ]] && kill "$pages_pid" 2>/dev/null || true
  [[ -n $feed_pid ]] && kill "$feed_pid" 2>/dev/null || true
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

SNAG_WIDGET_ALLOWED_ORIGINS="${SNAG_WIDGET_ALLOWED_ORIGINS:+$SNAG_WIDGET_ALLOWED_ORIGINS,}http://$ats_pages" \
  "$snag" serve --listen "$listen" --database "sqlite:$database" &
server_pid=$!
# The feed starts once the server accepts connections.
for _ in $(seq 300); do
  if (exec 3<>"/dev/tcp/${listen%:*}/${listen##*:}") 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || exit 1
  sleep 0.1
done
echo "Snag is serving on http://$listen (Ctrl-C stops it); the mock ATS sends $rate events/s to /hooks/demo-ats"
log=$(dirname "$database")/mock-ats.log
"$snag" mock-ats --send-to "http://$listen/hooks/demo-ats" --vendor standard_webhooks --secret "$secret" \
  --candidates 300 --count 1000000 --rate "$rate" --duplicates 0.05 --seed "$seed" >"$log" 2>&1 &
feed_pid=$!
"$snag" mock-ats --listen "$ats_pages" --candidates 300 --seed "$seed" --widget-from "http://$listen" \
  --connector demo-ats >"$(dirname "$database")/mock-ats-pages.log" 2>&1 &
pages_pid=$!
echo "Try the widget on the mock ATS's candidate pages: http://$ats_pages/"
wait "$server_pid"
