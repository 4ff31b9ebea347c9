package mta.tests.relay_001

import data.mta.controls.relay_001
import data.mta.tests.fixtures as f

loopback_nets := ["127.0.0.0/8", "::1/128"]

postfix_default_rules := [f.permit_mynetworks(loopback_nets), f.permit_sasl, f.reject_unauth("defer", "defer_unauth_destination")]

static_ok := {
	"client": "any",
	"client_scope": "all",
	"authenticated": null,
	"recipient": "any",
	"action": "permit",
	"source": {"file": "main.cf", "line": 31},
	"text": "check_client_access static:OK",
	"setting": "smtpd_relay_restrictions",
}

status(inp) := s if {
	s := relay_001.result.status with input as inp
}

# ---------------------------------------------------------------- postfix

test_postfix_default_relay_restrictions_pass if {
	inp := f.single("postfix", {}, postfix_default_rules, "permit")
	r := relay_001.result with input as inp
	r.status == "pass"
	some e in r.evidence
	e.value == "defer_unauth_destination"
	e.listener == "smtp"
}

test_postfix_static_ok_before_reject_fails if {
	inp := f.single("postfix", {}, [static_ok, f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	r := relay_001.result with input as inp
	r.status == "fail"
	some e in r.evidence
	e.value == "check_client_access static:OK"
	e.line == 31
	e.file == "main.cf"
}

test_postfix_bare_permit_in_one_list_while_other_rejects_passes if {
	# smtpd_relay_restrictions = permit ends that list only: normalized as `continue`.
	bare := f.rule("any", null, "any", "continue", "permit")
	inp := f.single("postfix", {}, [bare, f.permit_mynetworks(loopback_nets), f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	status(inp) == "pass"
}

test_postfix_bare_permit_ahead_of_only_reject_is_error if {
	inp := f.mta_input("postfix", {}, [f.listener("smtp", ["*:25"], 25)], {"smtp": {
		"rules": [f.rule("any", null, "any", "permit", "permit")],
		"default_action": "permit",
		"broken": {"reason": "restriction `reject_unauth_destination' after `permit' is ignored: smtpd refuses to start", "source": {"file": "main.cf", "line": 40}},
	}})
	r := relay_001.result with input as inp
	r.status == "error"
	r.evidence[0].setting == "broken"
	r.evidence[0].line == 40
}

test_postfix_empty_relay_list_with_permissive_recipient_list_fails if {
	# compatibility_level < 1: relay list empty, recipient list reaches a bare permit.
	inp := f.single("postfix", {"compatibility_level": f.dflt("0")}, [f.permit_mynetworks(loopback_nets), f.rule("any", null, "any", "permit", "permit")], "permit")
	status(inp) == "fail"
}

test_postfix_relay_domains_static_all_fails if {
	settings := {"relay_domains": f.at("main.cf", 5, "static:ALL")}
	inp := f.single("postfix", settings, postfix_default_rules, "permit")
	status(inp) == "fail"
}

test_postfix_split_everything_mynetworks_fails if {
	# 0.0.0.0/1 + 128.0.0.0/1 is every IPv4 address; no client_scope given, CIDR math decides.
	inp := f.single("postfix", {}, [f.permit_mynetworks(["0.0.0.0/1", "128.0.0.0/1"]), f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	status(inp) == "fail"
}

test_postfix_split_permits_over_two_rules_fail if {
	inp := f.single("postfix", {}, [f.permit_mynetworks(["0.0.0.0/1"]), f.permit_mynetworks(["128.0.0.0/1"]), f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	status(inp) == "fail"
}

test_postfix_narrow_mynetworks_passes if {
	inp := f.single("postfix", {}, [f.permit_mynetworks(["192.0.2.0/24", "[2001:db8::]/32"]), f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	status(inp) == "pass"
}

test_postfix_unresolved_mynetworks_file_is_judged_by_relay_002 if {
	# The trusted set's width is MTA-RELAY-002's question; from anywhere the list still rejects.
	rule := object.union(f.permit_mynetworks(["unresolved:/etc/postfix/mynetworks"]), {"client_scope": "unknown", "unresolved": true})
	inp := f.with_unresolved(
		f.single("postfix", {}, [rule, f.permit_sasl, f.rule("any", null, "any", "reject", "reject")], "permit"),
		[f.unresolved("mynetworks", "/etc/postfix/mynetworks")]
	)
	status(inp) == "pass"
}

test_postfix_unresolved_sender_access_ahead_of_reject_is_error if {
	rule := object.union(static_ok, {
		"text": "check_sender_access hash:/etc/postfix/sender_access",
		"condition": "sender:hash:/etc/postfix/sender_access",
		"attacker_controlled": true,
		"unresolved": true,
	})
	inp := f.with_unresolved(
		f.single("postfix", {}, [rule, f.reject_unauth("reject", "reject_unauth_destination")], "permit"),
		[f.unresolved("smtpd_relay_restrictions", "hash:/etc/postfix/sender_access")]
	)
	r := relay_001.result with input as inp
	r.status == "error"
	some e in r.evidence
	e.value == "hash:/etc/postfix/sender_access"
}

test_postfix_resolved_sender_access_ok_ahead_of_reject_fails if {
	rule := object.union(static_ok, {
		"text": "check_sender_access hash:/etc/postfix/sender_access",
		"condition": "sender:example.org OK",
		"attacker_controlled": true,
	})
	inp := f.single("postfix", {}, [rule, f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	status(inp) == "fail"
}

test_postfix_sender_reject_does_not_close_relay if {
	# the attacker picks another sender, so a sender-conditioned reject decides nothing
	rej := object.union(f.rule("any", null, "any", "reject", "reject_unknown_sender_domain"), {"condition": "sender:dns", "attacker_controlled": true})
	inp := f.single("postfix", {}, [rej], "permit")
	status(inp) == "fail"
}

test_postfix_open_submission_override_fails_even_if_port_25_closed if {
	inp := f.mta_input(
		"postfix", {},
		[f.listener("smtp", ["*:25"], 25), f.listener("submission", ["*:587"], 587)],
		{
			"smtp": f.relay(postfix_default_rules, "permit"),
			"submission": f.relay([static_ok, f.reject_unauth("reject", "reject_unauth_destination")], "permit"),
		}
	)
	r := relay_001.result with input as inp
	r.status == "fail"
	every e in r.evidence {
		e.listener == "submission"
	}
}

test_postfix_loopback_only_listener_with_permit_all_passes if {
	l := object.union(f.listener("smtp", ["127.0.0.1:25", "[::1]:25"], 25), {"loopback_only": true})
	inp := f.mta_input("postfix", {}, [l], {"smtp": f.relay([static_ok], "permit")})
	r := relay_001.result with input as inp
	r.status == "pass"
	r.evidence[0].setting == "listener"
}

test_postfix_loopback_bind_detected_without_flag_passes if {
	inp := f.mta_input("postfix", {}, [f.listener("smtp", ["127.0.0.1:25", "[::1]:25"], 25)], {"smtp": f.relay([static_ok], "permit")})
	status(inp) == "pass"
}

test_postfix_authenticated_only_permit_all_passes if {
	inp := f.single("postfix", {}, [f.permit_sasl, f.rule("any", null, "any", "reject", "reject")], "permit")
	status(inp) == "pass"
}

test_postfix_no_decisive_rule_default_permit_fails if {
	inp := f.single("postfix", {}, [f.permit_mynetworks(loopback_nets)], "permit")
	status(inp) == "fail"
}

# ---------------------------------------------------------------- probe evidence

test_config_closed_probe_open_fails_citing_both if {
	inp := f.with_probe(f.single("postfix", {}, postfix_default_rules, "permit"), f.open_probe)
	r := relay_001.result with input as inp
	r.status == "fail"
	some p in r.evidence
	p.probe_test == "R01"
	p.replies[1] == "250 2.1.5 Ok"
	some c in r.evidence
	c.value == "defer_unauth_destination"
}

test_config_open_probe_closed_fails if {
	inp := f.with_probe(f.single("postfix", {}, [static_ok], "permit"), f.closed_probe)
	status(inp) == "fail"
}

test_config_closed_probe_closed_passes_with_probe_evidence if {
	inp := f.with_probe(f.single("postfix", {}, postfix_default_rules, "permit"), f.closed_probe)
	r := relay_001.result with input as inp
	r.status == "pass"
	some p in r.evidence
	p.probe_test == "R01"
}

test_probe_only_closed_passes if {
	inp := f.probe_only(f.closed_probe)
	status(inp) == "pass"
}

test_probe_only_open_fails if {
	inp := f.probe_only(f.open_probe)
	status(inp) == "fail"
}

test_probe_only_inconclusive_is_error if {
	inp := f.probe_only(f.inconclusive_probe)
	status(inp) == "error"
}

test_no_facts_at_all_is_error if {
	inp := {"asset": {"id": "asset-1"}, "probe": null}
	status(inp) == "error"
}

test_no_listeners_no_probe_is_error if {
	inp := f.mta_input("postfix", {}, [], {})
	status(inp) == "error"
}

# ---------------------------------------------------------------- sendmail

test_sendmail_access_relay_for_localhost_only_passes if {
	rules := [object.union(f.rule(["127.0.0.1"], null, "any", "permit", "Connect:127.0.0.1 RELAY"), {"setting": "Connect:"})]
	inp := f.single("sendmail", {}, rules, "reject")
	status(inp) == "pass"
}

test_sendmail_promiscuous_relay_fails if {
	rules := [object.union(f.rule("any", null, "any", "permit", "FEATURE(`promiscuous_relay')"), {"setting": "FEATURE"})]
	inp := f.single("sendmail", {}, rules, "reject")
	r := relay_001.result with input as inp
	r.status == "fail"
	r.evidence[0].value == "FEATURE(`promiscuous_relay')"
}

# ---------------------------------------------------------------- exim

exim_default_acl := [
	f.rule(["127.0.0.1", "::1"], null, "any", "permit", "accept hosts = +relay_from_hosts"),
	f.rule("any", true, "any", "permit", "accept authenticated = *"),
	object.union(f.rule("any", null, "any", "reject", "require domains = +local_domains : +relay_to_domains"), {"recipient_except": "local"}),
	f.rule("any", null, "local", "permit", "accept"),
]

test_exim_default_acl_passes if {
	inp := f.single("exim", {}, exim_default_acl, "reject")
	status(inp) == "pass"
}

test_exim_accept_before_require_fails if {
	rules := [
		f.rule(["127.0.0.1", "::1"], null, "any", "permit", "accept hosts = +relay_from_hosts"),
		f.rule("any", null, "any", "continue", "require verify = recipient"),
		f.rule("any", null, "any", "permit", "accept"),
	]
	inp := f.single("exim", {}, rules, "reject")
	status(inp) == "fail"
}

test_exim_relay_from_hosts_everything_fails if {
	rules := array.concat([f.rule(["0.0.0.0/0"], null, "any", "permit", "accept hosts = +relay_from_hosts")], exim_default_acl)
	inp := f.single("exim", {}, rules, "reject")
	status(inp) == "fail"
}

# ---------------------------------------------------------------- exchange

test_exchange_default_frontend_passes if {
	rules := [
		object.union(f.rule(["0.0.0.0/0", "::/0"], null, "local", "permit", "AnonymousUsers"), {"setting": "PermissionGroups"}),
		object.union(f.rule(["0.0.0.0/0", "::/0"], true, "any", "permit", "ExchangeUsers"), {"setting": "PermissionGroups"}),
	]
	inp := f.single("exchange", {}, rules, "reject")
	status(inp) == "pass"
}

test_exchange_anonymous_accept_any_recipient_fails if {
	rules := [object.union(f.rule(["0.0.0.0-255.255.255.255"], null, "any", "permit", "NT AUTHORITY\\ANONYMOUS LOGON ms-Exch-SMTP-Accept-Any-Recipient"), {"setting": "ADPermission", "client_scope": "all"})]
	inp := f.single("exchange", {}, rules, "reject")
	status(inp) == "fail"
}

# ---------------------------------------------------------------- opensmtpd

test_opensmtpd_auth_relay_passes if {
	rules := [
		f.rule("any", null, ["example.org"], "permit", "match from any for domain \"example.org\" action \"local\""),
		f.rule("any", true, "any", "permit", "match auth from any for any action \"relay\""),
	]
	inp := f.single("opensmtpd", {}, rules, "reject")
	status(inp) == "pass"
}

test_opensmtpd_first_match_from_any_for_any_fails if {
	rules := [
		f.rule("any", null, "any", "permit", "match from any for any action \"fallback\""),
		f.rule("any", null, "any", "reject", "match from any for any reject"),
	]
	inp := f.single("opensmtpd", {}, rules, "reject")
	status(inp) == "fail"
}

test_opensmtpd_reject_first_then_relay_passes if {
	rules := [
		f.rule("any", null, "any", "reject", "match from any for any reject"),
		f.rule("any", null, "any", "permit", "match from any for any action \"relay\""),
	]
	inp := f.single("opensmtpd", {}, rules, "reject")
	status(inp) == "pass"
}

# ---------------------------------------------------------------- qmail

test_qmail_rcpthosts_and_local_relayclient_passes if {
	rules := [
		f.rule(["127.0.0.0/8"], null, "any", "permit", "127.:allow,RELAYCLIENT=\"\""),
		f.rule("any", null, "local", "permit", "control/rcpthosts"),
	]
	inp := f.single("qmail", {}, rules, "reject")
	status(inp) == "pass"
}

test_qmail_catch_all_relayclient_fails if {
	rules := [f.rule("any", null, "any", "permit", ":allow,RELAYCLIENT=\"\"")]
	inp := f.single("qmail", {}, rules, "reject")
	status(inp) == "fail"
}

test_qmail_without_rcpthosts_default_permit_fails if {
	inp := f.single("qmail", {}, [], "permit")
	status(inp) == "fail"
}

test_postfix_relay_domains_bare_star_is_a_literal_name_and_passes if {
	# Postfix domain lists have no "*" wildcard; the reject still fires.
	settings := {"relay_domains": f.at("main.cf", 5, "*")}
	inp := f.single("postfix", settings, postfix_default_rules, "permit")
	status(inp) == "pass"
}

test_exim_debian_relay_to_domains_star_fails if {
	settings := {"dc_relay_domains": f.at("update-exim4.conf.conf", 6, "*")}
	inp := f.single("exim", settings, exim_default_acl, "reject")
	status(inp) == "fail"
}

test_qmail_unresolved_rcpthosts_is_judged_by_the_domain_list_controls if {
	rules := [
		f.rule(["127.0.0.0/8"], null, "any", "permit", "127.:allow,RELAYCLIENT=\"\""),
		object.union(f.rule("any", null, ["unresolved:control/rcpthosts"], "permit", ":allow"), {"unresolved": true}),
	]
	inp := f.with_unresolved(f.single("qmail", {}, rules, "reject"), [f.unresolved("rcpthosts", "control/rcpthosts")])
	status(inp) == "pass"
}

test_postfix_sender_ok_in_sender_list_still_meets_the_relay_reject if {
	# smtpd_sender_restrictions = check_sender_access inline:{x@example.org=OK}: the attacker can
	# choose that sender, but the relay list still runs reject_unauth_destination in that run.
	cond := "sender in x@example.org"
	branch_reject := object.union(f.reject_unauth("reject", "reject_unauth_destination"), {"condition": cond, "attacker_controlled": true})
	sender_ok := object.union(f.rule("any", null, "any", "permit", "check_sender_access inline:{x@example.org=OK}"), {"condition": cond, "attacker_controlled": true, "setting": "smtpd_sender_restrictions"})
	inp := f.single("postfix", {}, [branch_reject, sender_ok, f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	status(inp) == "pass"
}

test_postfix_sender_ok_in_last_list_relays if {
	cond := "sender in x@example.org"
	sender_ok := object.union(f.rule("any", null, "any", "permit", "check_sender_access inline:{x@example.org=OK}"), {"condition": cond, "attacker_controlled": true})
	inp := f.single("postfix", {}, [sender_ok, f.reject_unauth("reject", "reject_unauth_destination")], "permit")
	r := relay_001.result with input as inp
	r.status == "fail"
	r.evidence[0].value == "check_sender_access inline:{x@example.org=OK}"
}
