#!/usr/bin/env python3
"""Writes N signed Greenhouse deliveries for bench/wrk/webhook.lua: one per line,
`event_id<TAB>signature<TAB>body`, bodies in the shape of a Greenhouse candidate_stage_change
with distinct candidates and event ids. Usage: webhooks.py SECRET COUNT OUTPUT [ID_PREFIX]"""
import hashlib
import hmac
import json
import sys

secret, count, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
prefix = sys.argv[4] if len(sys.argv) > 4 else "gh-bench"
stages = ["Application Review", "Phone Screen", "Onsite", "Offer"]
with open(output, "w", encoding="utf-8") as out:
    for i in range(count):
        candidate = 70000000 + i % 50000
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
        signature = "sha256 " + hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        out.write("%s-%d\t%s\t%s\n" % (prefix, i, signature, body))
