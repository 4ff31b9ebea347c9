# Builders for test inputs shaped like policies/input.schema.json (used by every *_test.rego).
package mta.tests.fixtures

src(file, line) := {"file": file, "line": line}

# A setting written in a file.
at(file, line, value) := {"value": value, "source": {"file": file, "line": line}, "default": false}

# A built-in default.
dflt(value) := {"value": value, "source": {"file": null, "line": null}, "default": true}

rule(client, auth, rcpt, action, text) := {
	"client": client,
	"authenticated": auth,
	"recipient": rcpt,
	"action": action,
	"source": {"file": "test.conf", "line": 10},
	"text": text,
}

# Postfix reject_unauth_destination / defer_unauth_destination and their kin.
reject_unauth(action, text) := {
	"client": "any",
	"client_scope": "all",
	"authenticated": null,
	"recipient": "any",
	"recipient_except": "local",
	"action": action,
	"source": {"file": "main.cf", "line": 20},
	"text": text,
	"setting": "smtpd_relay_restrictions",
}

permit_mynetworks(nets) := {
	"client": nets,
	"authenticated": null,
	"recipient": "any",
	"action": "permit",
	"source": {"file": "main.cf", "line": 20},
	"text": "permit_mynetworks",
	"setting": "smtpd_relay_restrictions",
}

permit_sasl := {
	"client": "any",
	"client_scope": "all",
	"authenticated": true,
	"recipient": "any",
	"action": "permit",
	"source": {"file": "main.cf", "line": 20},
	"text": "permit_sasl_authenticated",
	"setting": "smtpd_relay_restrictions",
}

relay(rules, default_action) := {"rules": rules, "default_action": default_action, "broken": null}

listener(name, bind, port) := {
	"name": name,
	"bind": bind,
	"port": port,
	"tls": "starttls",
	"auth": false,
	"settings": {},
	"source": {"file": "master.cf", "line": 12},
}

mta_input(kind, settings, listeners, relays) := {
	"asset": {"id": "asset-1", "hostname": "mx1.example.org", "environment": "test", "role": "mail_server", "tags": {}},
	"mta": {
		"kind": kind,
		"version": null,
		"sources": [],
		"settings": settings,
		"listeners": listeners,
		"relay": relays,
		"unresolved": [],
		"diagnostics": [],
	},
	"probe": null,
}

# One listener "smtp" on *:25 with the given settings and rules.
single(kind, settings, rules, default_action) := mta_input(
	kind, settings,
	[listener("smtp", ["*:25"], 25)],
	{"smtp": relay(rules, default_action)}
)

with_role(inp, role) := object.union(inp, {"asset": {"role": role}})

with_probe(inp, probe) := object.union(inp, {"probe": probe})

with_unresolved(inp, items) := object.union(inp, {"mta": {"unresolved": items}})

with_listeners(inp, listeners) := object.union(inp, {"mta": {"listeners": listeners}})

unresolved(setting, reference) := {
	"setting": setting,
	"reference": reference,
	"reason": "content not supplied",
	"source": {"file": "main.cf", "line": 7},
	"listener": null,
}

probe_only(probe) := {"asset": {"id": "asset-1", "role": "mail_server"}, "probe": probe}

relay_probe(state, verdict, replies) := {
	"target": "192.0.2.10:25",
	"banner": "220 mx1.example.org ESMTP",
	"banner_discloses_version": false,
	"capabilities": ["PIPELINING", "SIZE 10240000", "STARTTLS"],
	"starttls": true,
	"relay": state,
	"tests": [{
		"id": "R01",
		"mail_from": "antispam@example.net",
		"rcpt_to": "relaytest@example.com",
		"replies": replies,
		"verdict": verdict,
		"path": "plain",
		"port": 25,
	}],
}

open_probe := relay_probe("open", "accepted", ["250 2.1.0 Ok", "250 2.1.5 Ok"])

closed_probe := relay_probe("closed", "denied", ["250 2.1.0 Ok", "454 4.7.1 <relaytest@example.com>: Relay access denied"])

inconclusive_probe := relay_probe("inconclusive", "inconclusive", ["250 2.1.0 Ok", "450 4.7.1 Greylisted"])

# A probe document with the given fields on top of a closed relay probe.
probe_with(fields) := object.union(closed_probe, fields)
