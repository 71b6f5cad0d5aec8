#!/usr/bin/env python3
"""Writes N signed Greenhouse deliveries, bodies in the shape of a Greenhouse
candidate_stage_change with distinct candidates and event ids.

Usage: webhooks.py SECRET COUNT OUTPUT [ID_PREFIX] [--candidates-from N] [--sql CONNECTOR]

Without --sql, one delivery per line for bench/wrk/webhook.lua: `event_id<TAB>signature<TAB>body`.
With --sql, one transaction of INSERTs that queue the deliveries in CONNECTOR's inbox, as the
server stores them once verified: the backlog that bench/run.sh has a fresh server drain."""
import argparse
import hashlib
import hmac
import json
import time

parser = argparse.ArgumentParser()
parser.add_argument("secret")
parser.add_argument("count", type=int)
parser.add_argument("output")
parser.add_argument("prefix", nargs="?", default="gh-bench")
parser.add_argument("--candidates-from", type=int, default=70000000)
parser.add_argument("--sql", metavar="CONNECTOR")
args = parser.parse_args()

stages = ["Application Review", "Phone Screen", "Onsite", "Offer"]
now_ms = int(time.time() * 1000)


def quoted(text):
    return "'" + text.replace("'", "''") + "'"


with open(args.output, "w", encoding="utf-8") as out:
    if args.sql:
        out.write("BEGIN;\n")
    for i in range(args.count):
        candidate = args.candidates_from + i % 50000
        body = json.dumps({
            "action": "candidate_stage_change",
            "payload": {"application": {
                "id": 90000000 + i,
                "applied_at": "2026-11-20T10:00:00Z",
                "last_activity_at": "2026-11-28T%02d:%02d:%02dZ" % (i // 3600 % 24, i // 60 % 60, i % 60),
                "status": "active",
                "current_stage": {"id": 4000 + i % 4, "name": stages[i % 4]},
                "job": {"id": 107761, "name": "Senior Backend Engineer"},
                "candidate": {"id": candidate, "first_name": "Bench", "last_name": "Candidate %d" % candidate,
                              "email_addresses": [{"value": "bench%d@example.com" % candidate, "type": "personal"}]},
            }},
        }, separators=(",", ":"))
        event_id = "%s-%d" % (args.prefix, i)
        if args.sql:
            out.write("INSERT INTO deliveries (connector, event_id, received_at, body, state, run_at) "
                      "VALUES (%s, %s, %d, %s, 'queued', %d);\n"
                      % (quoted(args.sql), quoted(event_id), now_ms, quoted(body), now_ms))
        else:
            signature = "sha256 " + hmac.new(args.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
            out.write("%s\t%s\t%s\n" % (event_id, signature, body))
    if args.sql:
        out.write("COMMIT;\n")
