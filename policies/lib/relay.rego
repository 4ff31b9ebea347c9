# The relay question, asked the same way for every MTA kind over the normalized rules
# (input.mta.relay[<listener>]): can an unauthenticated client from anywhere reach a permit
# for a recipient anywhere before a reject?
package mta.lib

relay_listener_names := [n | some n, _ in input.mta.relay]

# ---------------------------------------------------------------- rule predicates

# The rule's client condition matches every address (also 0.0.0.0/1 + 128.0.0.0/1).
rule_anywhere(r) if r.client == "any"

rule_anywhere(r) if r.client_scope == "all"

rule_anywhere(r) if covers_everything(r.client)

# The rule also applies to clients that did not authenticate.
rule_anonymous(r) if not r.authenticated == true

recipient_wildcards := {"*", ".", "any", "static:all", "static:ALL"}

# The rule applies to a recipient in a domain the server neither hosts nor relays for.
recipient_external(r) if r.recipient == "any"

recipient_external(r) if {
	is_array(r.recipient)
	some d in r.recipient
	d in recipient_wildcards
}

# Every domain is "local" (relay_domains = static:ALL, relay_to_domains = *).
recipient_external(r) if {
	r.recipient == "local"
	local_is_everything
}

recipient_maybe_external(r) if recipient_external(r)

recipient_maybe_external(r) if {
	is_array(r.recipient)
	some d in r.recipient
	is_string(d)
	startswith(d, "unresolved:")
}

# Every domain counts as "local", so reject_unauth_destination-style rules never fire:
# Postfix relay_domains (or mydestination, virtual_*_domains) = static:ALL (a bare "*" is a
# literal name there, not a wildcard); Exim relay_to_domains / local_domains = * (Debian
# dc_relay_domains='*').
local_wildcards := {
	"postfix": {"relay_domains": {"static:all"}, "mydestination": {"static:all"}, "virtual_alias_domains": {"static:all"}, "virtual_mailbox_domains": {"static:all"}},
	"exim": {"domainlist relay_to_domains": {"*"}, "domainlist local_domains": {"*"}, "relay_to_domains": {"*"}, "dc_relay_domains": {"*"}, "dc_other_hostnames": {"*"}},
}

local_is_everything if {
	some name, wildcards in local_wildcards[input.mta.kind]
	some v in as_list(input.mta.settings[name].value)
	is_string(v)
	lower(trim_space(v)) in wildcards
}

# Exim lists are colon separated: "example.org:*".
local_is_everything if {
	input.mta.kind == "exim"
	some name, _ in local_wildcards.exim
	some v in as_list(input.mta.settings[name].value)
	is_string(v)
	some part in split(v, ":")
	trim_space(part) == "*"
}

# The rule's exception covers every domain: it never applies to an external recipient.
except_excludes_external(r) if {
	is_array(r.recipient_except)
	some d in r.recipient_except
	d in recipient_wildcards
}

except_excludes_external(r) if {
	r.recipient_except == "local"
	local_is_everything
}

has_condition(r) if {
	is_string(r.condition)
	r.condition != ""
}

# The attacker picks one value for everything it controls (sender, HELO name): a rule with an
# attacker-controlled condition applies exactly in the runs where the attacker chose it, so
# each choice is judged on its own ("" = no conditioned rule fires).
attacker_choices(n) := {""} | {r.condition |
	some r in relay_rules(n)
	r.attacker_controlled == true
	has_condition(r)
}

# The rule's condition holds for attacker choice ch (or it has none).
cond_holds(r, ch) if not has_condition(r)

cond_holds(r, ch) if {
	r.attacker_controlled == true
	r.condition == ch
}

# The condition depends on data that is neither the attacker's choice nor supplied.
cond_maybe(r, ch) if cond_holds(r, ch)

cond_maybe(r, ch) if {
	has_condition(r)
	not r.attacker_controlled == true
}

rule_applies(r) if {
	rule_anonymous(r)
	recipient_external(r)
	not except_excludes_external(r)
}

# A rule that certainly decides the anonymous, anywhere, external-recipient RCPT.
rule_decisive(r, ch) if {
	r.action in {"permit", "reject", "defer"}
	rule_anywhere(r)
	rule_applies(r)
	not r.unresolved == true
	cond_holds(r, ch)
}

# A permit that may apply to that RCPT, depending on content that was not supplied (e.g. a
# sender access table). Client sets and recipient-domain lists read from unsupplied tables
# are not "anywhere": their width is MTA-RELAY-002's and MTA-RELAY-003's question.
rule_maybe_permit(r, ch) if {
	r.action == "permit"
	rule_anywhere(r)
	rule_applies(r)
	cond_maybe(r, ch)
	not rule_decisive(r, ch)
}

# A permit for a part of the address space (trusted networks): together such permits may
# still cover every address.
rule_partial_permit(r, ch) if {
	r.action == "permit"
	not rule_anywhere(r)
	is_array(r.client)
	rule_applies(r)
	not r.unresolved == true
	cond_holds(r, ch)
}

# ---------------------------------------------------------------- per listener

relay_rules(n) := rules if {
	rules := input.mta.relay[n].rules
	is_array(rules)
} else := []

decisive_index(n, ch) := min(idx) if {
	idx := [i | some i, r in relay_rules(n); rule_decisive(r, ch)]
	count(idx) > 0
}

# Rules examined before the decision (all rules when none decides).
relay_limit(n, ch) := decisive_index(n, ch) if {
	decisive_index(n, ch)
} else := count(relay_rules(n))

partial_permits(n, ch) := [r |
	some i, r in relay_rules(n)
	i < relay_limit(n, ch)
	rule_partial_permit(r, ch)
]

partial_permit_clients(n, ch) := [c |
	some r in partial_permits(n, ch)
	some c in r.client
]

# The rules that let the attacker's choice ch relay (empty when ch does not relay).
choice_open_rules(n, ch) := [r] if {
	r := relay_rules(n)[decisive_index(n, ch)]
	r.action == "permit"
} else := partial_permits(n, ch) if {
	count(partial_permits(n, ch)) > 0
	covers_everything(partial_permit_clients(n, ch))
} else := []

choice_default_open(n, ch) if {
	not decisive_index(n, ch)
	input.mta.relay[n].default_action == "permit"
}

open_choices(n) := sort([ch |
	some ch in attacker_choices(n)
	choice_opens(n, ch)
])

choice_opens(n, ch) if count(choice_open_rules(n, ch)) > 0

choice_opens(n, ch) if choice_default_open(n, ch)

relay_open_rules(n) := choice_open_rules(n, open_choices(n)[0])

relay_maybe_rules(n) := [r |
	some ch in attacker_choices(n)
	some i, r in relay_rules(n)
	i < relay_limit(n, ch)
	rule_maybe_permit(r, ch)
]

# The rule that closes relaying when the attacker sets off no conditioned rule.
closing_rule(n) := relay_rules(n)[decisive_index(n, "")]

listener_is_local(n) if {
	l := listener(n)
	listener_local_only(l)
}

relay_state(n) := "local" if {
	listener_is_local(n)
} else := "broken" if {
	is_object(input.mta.relay[n].broken)
} else := "open" if {
	count(open_choices(n)) > 0
} else := "uncertain" if {
	count(relay_maybe_rules(n)) > 0
} else := "closed"

# ---------------------------------------------------------------- evidence

ev_rule(n, r) := {
	"setting": object.get(r, "setting", "relay rule"),
	"value": r.text,
	"action": r.action,
	"file": object.get(source_of(r), "file", null),
	"line": object.get(source_of(r), "line", null),
	"listener": n,
}

ev_default(n) := {
	"setting": "default_action",
	"value": input.mta.relay[n].default_action,
	"file": null,
	"line": null,
	"listener": n,
}

unresolved_of_listener(n) := [u |
	some u in input.mta.unresolved
	object.get(u, "listener", null) in {null, n}
]

relay_evidence(n) := [ev_listener_fact(listener(n))] if {
	relay_state(n) == "local"
} else := [{
	"setting": "broken",
	"value": input.mta.relay[n].broken.reason,
	"file": object.get(source_of(input.mta.relay[n].broken), "file", null),
	"line": object.get(source_of(input.mta.relay[n].broken), "line", null),
	"listener": n,
}] if {
	relay_state(n) == "broken"
} else := [ev_rule(n, r) | some r in relay_open_rules(n)] if {
	relay_state(n) == "open"
	count(relay_open_rules(n)) > 0
} else := [ev_default(n)] if {
	relay_state(n) == "open"
} else := array.concat(
	[ev_rule(n, r) | some r in relay_maybe_rules(n)],
	[ev_unresolved(u) | some u in unresolved_of_listener(n)]
) if {
	relay_state(n) == "uncertain"
} else := [ev_rule(n, closing_rule(n))] if {
	closing_rule(n)
} else := [ev_default(n)]

listeners_in_state(state) := [n |
	some n in relay_listener_names
	relay_state(n) == state
]

relay_config_evidence(state) := [e |
	some n in listeners_in_state(state)
	some e in relay_evidence(n)
]

# ---------------------------------------------------------------- probe

probe_relay_open if input.probe.relay == "open"

probe_relay_closed if input.probe.relay == "closed"

probe_relay_evidence := [ev_probe_test(t) | some t in probe_tests("accepted")] if {
	probe_relay_open
} else := [ev_probe_test(t) | some t in input.probe.tests]
