# Shared helpers for the controls under data.mta.controls.
# Only Rego v1 and OPA standard builtins: a real OPA 1.x loads this unchanged.
package mta.lib

# ---------------------------------------------------------------- results

pass(reason, evidence) := {"status": "pass", "reason": reason, "evidence": evidence}

fail(reason, evidence) := {"status": "fail", "reason": reason, "evidence": evidence}

not_applicable(reason) := {"status": "not_applicable", "reason": reason, "evidence": []}

error(reason, evidence) := {"status": "error", "reason": reason, "evidence": evidence}

# ---------------------------------------------------------------- the asset and the MTA

# The collected configuration facts are present (a probe-only evaluation has no `mta`).
has_config if is_string(input.mta.kind)

kind := input.mta.kind

# An asset without a declared role is treated as a mail server (the safer reading
# for the relay controls; host-only controls then say not_applicable).
role := input.asset.role if {
	is_string(input.asset.role)
} else := "mail_server"

kind_in(kinds) if input.mta.kind in kinds

has_probe if is_object(input.probe)

# ---------------------------------------------------------------- settings

setting(name) := input.mta.settings[name]

# A per-listener override (Postfix master.cf -o, connector property) wins over the global value.
listener_setting(l, name) := l.settings[name] if {
	is_object(l.settings[name])
} else := input.mta.settings[name]

source_of(s) := s.source if {
	is_object(s.source)
} else := {}

# Evidence item for a global setting.
ev(name, s) := {
	"setting": name,
	"value": s.value,
	"file": object.get(source_of(s), "file", null),
	"line": object.get(source_of(s), "line", null),
	"default": object.get(s, "default", false),
}

# Evidence item for a setting as seen by one listener.
ev_listener(l, name, s) := object.union(ev(name, s), {"listener": l.name})

# Evidence for a setting that is simply not present in the facts.
ev_absent(name) := {"setting": name, "value": null, "file": null, "line": null, "default": true}

# Unresolved facts (tables, includes, environment variables whose content was not supplied).
unresolved_for(names) := [u |
	some u in input.mta.unresolved
	u.setting in names
]

ev_unresolved(u) := {
	"setting": u.setting,
	"value": u.reference,
	"file": object.get(source_of(u), "file", null),
	"line": object.get(source_of(u), "line", null),
	"listener": object.get(u, "listener", null),
	"unresolved": u.reason,
}

# ---------------------------------------------------------------- values

# A setting value as a list: Postfix keeps lists as one comma/space separated string.
as_list(v) := v if is_array(v)

as_list(v) := [x |
	some x in regex.split(`[\s,]+`, trim_space(v))
	x != ""
] if is_string(v)

as_list(v) := [] if v == null

as_list(v) := [v] if is_boolean(v)

as_list(v) := [v] if is_number(v)

truthy(v) if v == true

truthy(v) if {
	is_string(v)
	lower(trim_space(v)) in {"yes", "true", "on", "1"}
}

truthy(v) if v == 1

# A value left for a template to fill in (_MAIL_ALLOWED_NETS_, {{ nets }}, %NETS%): its
# content is unknown. ($name is a Postfix parameter reference, expanded by the collector.)
placeholder(c) if {
	is_string(c)
	regex.match(`^(_[A-Za-z0-9_]+_|\{\{.*\}\}|%[A-Za-z0-9_]+%)$`, c)
}

# ---------------------------------------------------------------- addresses

ip4_pattern := `^[0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?$`

ip6_pattern := `^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/[0-9]{1,3})?$`

# Strip the Postfix IPv6 brackets: [::1]/128 -> ::1/128.
plain_address(c) := replace(replace(c, "[", ""), "]", "")

is_cidr(c) if {
	is_string(c)
	regex.match(ip4_pattern, plain_address(c))
}

is_cidr(c) if {
	is_string(c)
	regex.match(ip6_pattern, plain_address(c))
}

cidrs(list) := [plain_address(c) |
	some c in list
	is_string(c)
	is_cidr(c)
]

wildcard_clients := {"any", "*", "all", "ALL", "0/0", "0.0.0.0-255.255.255.255", "static:all", "static:ALL"}

# Does a client list cover every IPv4 or every IPv6 address? CIDR arithmetic, not string
# comparison: 0.0.0.0/1 + 128.0.0.0/1 is everything too.
covers_everything(list) if list == "any"

covers_everything(list) if {
	is_array(list)
	some c in list
	c in wildcard_clients
}

covers_everything(list) if {
	is_array(list)
	merged := net.cidr_merge(cidrs(list))
	some m in merged
	m in {"0.0.0.0/0", "::/0"}
}

prefix_length(c) := to_number(split(plain_address(c), "/")[1]) if contains(c, "/")

prefix_length(c) := 32 if {
	not contains(c, "/")
	not contains(c, ":")
}

prefix_length(c) := 128 if {
	not contains(c, "/")
	contains(c, ":")
}

non_public_v4 := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10"]

non_public_v6 := ["fc00::/7", "fe80::/10", "::1/128", "::ffff:127.0.0.0/104", "::ffff:10.0.0.0/104", "::ffff:192.168.0.0/112", "::ffff:172.16.0.0/108"]

non_public(c) if {
	not contains(c, ":")
	some p in non_public_v4
	net.cidr_contains(p, plain_address(c))
}

non_public(c) if {
	contains(c, ":")
	some p in non_public_v6
	net.cidr_contains(p, plain_address(c))
}

# A trusted-client pattern that reaches a large part of the public Internet: wider than a
# /16 of public IPv4 space (e.g. 172.0.0.0/8 instead of 172.16.0.0/12) or a /32 of IPv6.
wide_public(c) if {
	is_cidr(c)
	not contains(c, ":")
	not non_public(c)
	prefix_length(c) < 16
}

wide_public(c) if {
	is_cidr(c)
	contains(c, ":")
	not non_public(c)
	prefix_length(c) < 32
}

loopback(c) if {
	is_cidr(c)
	not contains(c, ":")
	net.cidr_contains("127.0.0.0/8", plain_address(c))
}

loopback(c) if {
	is_cidr(c)
	contains(c, ":")
	net.cidr_contains("::1/128", plain_address(c))
}

loopback(c) if {
	is_string(c)
	lower(c) in {"localhost", "lo", "lo0", "local"}
}

# ---------------------------------------------------------------- listeners

listener(name) := l if {
	some l in input.mta.listeners
	l.name == name
}

# Nothing outside the host can connect to this listener.
listener_local_only(l) if l.loopback_only == true

listener_local_only(l) if l.enabled == false

listener_local_only(l) if {
	count(l.bind) > 0
	every b in l.bind {
		loopback(bind_host(b))
	}
}

# "127.0.0.1:25" -> "127.0.0.1", "[::1]:25" -> "::1", "lo" -> "lo"
bind_host(b) := h if {
	startswith(b, "[")
	h := trim_prefix(split(b, "]")[0], "[")
} else := h if {
	parts := split(b, ":")
	count(parts) == 2
	h := parts[0]
} else := b

# Listeners reachable from the network.
exposed_listeners := [l |
	some l in input.mta.listeners
	not listener_local_only(l)
]

ev_listener_fact(l) := {
	"setting": "listener",
	"value": l.bind,
	"file": object.get(source_of(l), "file", null),
	"line": object.get(source_of(l), "line", null),
	"listener": l.name,
}

# Exchange flag enums as number, comma string or list -> lower-case names. Flag values
# (Microsoft.Exchange.Data): PermissionGroups ExchangeServers = 4; AuthMechanisms
# ExternalAuthoritative = 32.
exchange_flags(v, table) := {name |
	some name, bit in table
	bits.and(v, bit) != 0
} if {
	is_number(v)
}

exchange_flags(v, table) := {lower(trim_space(x)) |
	is_string(v)
	some x in split(v, ",")
} if {
	is_string(v)
}

exchange_flags(v, table) := {lower(trim_space(x)) |
	some x in v
	is_string(x)
} if {
	is_array(v)
}

exchange_permission_bits := {"anonymoususers": 1, "exchangeusers": 2, "exchangeservers": 4, "exchangelegacyservers": 8, "partners": 16, "custom": 32}

exchange_auth_bits := {"tls": 1, "integrated": 2, "basicauth": 4, "basicauthrequiretls": 8, "exchangeserver": 16, "externalauthoritative": 32}

# ---------------------------------------------------------------- probe

# The probe reached the SMTP service (a failed probe has no banner).
probe_connected if {
	is_object(input.probe)
	is_string(input.probe.banner)
}

# Relay attempts with the given verdict; the probe's controls (R00 local recipient, R22
# IP-literal local recipient) carry relay_attempt = false and are left out.
probe_tests(verdict) := [t |
	some t in input.probe.tests
	t.verdict == verdict
	not t.relay_attempt == false
]

ev_probe_test(t) := {
	"probe_test": t.id,
	"mail_from": object.get(t, "mail_from", null),
	"rcpt_to": object.get(t, "rcpt_to", null),
	"replies": t.replies,
	"verdict": t.verdict,
	"target": object.get(input.probe, "target", null),
}

ev_probe(field, value) := {"probe_test": field, "value": value, "replies": [], "target": object.get(input.probe, "target", null)}

# ---------------------------------------------------------------- MTA-specific readings

# Relay-relevant features switched on anywhere (Sendmail FEATUREs, ...).
# Lower-case names, from the relay facts and from the settings: `FEATURE(<name>)` keys (one per
# FEATURE line) or a `FEATURE` list.
features := {lower(x) |
	some _, r in input.mta.relay
	some x in r.features
	is_string(x)
} | {lower(x) |
	some x in as_list(input.mta.settings.FEATURE.value)
	is_string(x)
} | {lower(trim(name, "`'\" ")) |
	some key, _ in input.mta.settings
	startswith(key, "FEATURE(")
	name := trim_suffix(trim_prefix(key, "FEATURE("), ")")
}

# The value of a setting as a lower-case list ("a, B c" -> ["a", "b", "c"]).
lower_list(v) := [lower(x) | some x in as_list(v); is_string(x)]

# Sendmail PrivacyOptions flags, lower case.
privacy_options := lower_list(input.mta.settings.PrivacyOptions.value)

# The setting exists and was written in a file (not a built-in default).
explicit(s) if {
	is_object(s)
	not s["default"] == true
}

# Size / count values: 0, "0", "0K", "unlimited" mean no limit.
unlimited(v) if v == 0

unlimited(v) if {
	is_string(v)
	regex.match(`(?i)^\s*(0+\s*[kmg]?b?|unlimited|none)\s*$`, v)
}

# A finite positive limit: a positive number, or a string starting with one (Exim "50M",
# Exchange "36 MB (37,748,736 bytes)").
finite_limit(v) if {
	is_number(v)
	v > 0
}

finite_limit(v) if {
	is_string(v)
	not unlimited(v)
	regex.match(`^\s*[0-9][0-9,.]*\s*[A-Za-z]*`, v)
	regex.match(`[1-9]`, v)
}

# The listeners the network can reach, with their setting `name` (override or global).
listener_values(name) := [[l, s] |
	some l in exposed_listeners
	s := listener_setting(l, name)
]
