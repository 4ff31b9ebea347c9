package mta.tests.relay_006

import data.mta.controls.relay_006
import data.mta.tests.fixtures as f

closed_rules := [f.permit_mynetworks(["127.0.0.0/8"]), f.permit_sasl, f.reject_unauth("reject", "reject_unauth_destination")]

open_rules := [f.rule("any", null, "any", "permit", "permit_inet_interfaces"), f.reject_unauth("reject", "reject_unauth_destination")]

status(inp) := s if {
	s := relay_006.result.status with input as inp
}

two(kind, second_rules, second_settings) := f.mta_input(
	kind, {},
	[f.listener("smtp", ["*:25"], 25), object.union(f.listener("submission", ["*:587"], 587), {"settings": second_settings})],
	{"smtp": f.relay(closed_rules, "permit"), "submission": f.relay(second_rules, "permit")}
)

override := {"smtpd_relay_restrictions": f.at("master.cf", 20, "permit_inet_interfaces,reject_unauth_destination")}

test_postfix_submission_override_closed_passes if status(two("postfix", closed_rules, {"smtpd_sasl_auth_enable": f.at("master.cf", 19, "yes")})) == "pass"

test_postfix_submission_override_open_fails if {
	inp := two("postfix", open_rules, override)
	r := relay_006.result with input as inp
	r.status == "fail"
	every e in r.evidence {
		e.listener == "submission"
	}
}

test_postfix_single_open_listener_without_overrides_is_left_to_relay_001 if {
	inp := f.single("postfix", {}, open_rules, "permit")
	status(inp) == "pass"
}

test_postfix_single_open_listener_with_overrides_fails if {
	inp := f.mta_input("postfix", {}, [object.union(f.listener("smtp", ["*:25"], 25), {"settings": override})], {"smtp": f.relay(open_rules, "permit")})
	status(inp) == "fail"
}

test_exchange_connectors_closed_pass if {
	rules := [f.rule("any", true, "any", "permit", "ExchangeUsers"), f.rule("any", null, "any", "reject", "no ms-Exch-SMTP-Accept-Any-Recipient")]
	status(two("exchange", rules, {"PermissionGroups": f.at("Get-ReceiveConnector.txt", 3, "ExchangeUsers")})) == "pass"
}

test_exchange_second_connector_open_fails if status(two("exchange", [f.rule("any", false, "any", "permit", "ms-Exch-SMTP-Accept-Any-Recipient")], {"PermissionGroups": f.at("Get-ReceiveConnector.txt", 3, "AnonymousUsers")})) == "fail"

test_exim_port_587_closed_passes if status(two("exim", closed_rules, {})) == "pass"

test_exim_port_587_open_fails if status(two("exim", open_rules, {})) == "fail"

test_opensmtpd_listeners_closed_pass if status(two("opensmtpd", closed_rules, {})) == "pass"

test_opensmtpd_tagged_listener_open_fails if status(two("opensmtpd", open_rules, {})) == "fail"

test_broken_listener_is_error if {
	inp := f.mta_input("postfix", {}, [f.listener("smtp", ["*:25"], 25)], {"smtp": {"rules": [], "default_action": "permit", "broken": {"reason": "no working reject", "source": {"file": "main.cf", "line": 3}}}})
	status(inp) == "error"
}

test_probe_relayed_on_submission_fails if {
	probe := f.probe_with({"tests": [{"id": "R01", "mail_from": "a@example.net", "rcpt_to": "b@example.com", "replies": ["250 ok", "250 ok"], "verdict": "accepted", "path": "starttls", "port": 587}]})
	inp := f.with_probe(two("postfix", closed_rules, {}), probe)
	status(inp) == "fail"
}

test_sendmail_is_not_applicable if status(f.single("sendmail", {}, closed_rules, "reject")) == "not_applicable"

test_exim_single_open_daemon_with_port_settings_is_left_to_relay_001 if {
	inp := f.mta_input("exim", {}, [object.union(f.listener("smtp:25", ["0.0.0.0:25"], 25), {"settings": {"tls_on_connect_ports": f.at("exim.conf", 4, "465")}})], {"smtp:25": f.relay(open_rules, "reject")})
	status(inp) == "pass"
}

test_probe_local_control_accepted_on_submission_is_not_a_relay if {
	probe := f.probe_with({"relay": "closed", "tests": [{"id": "R00", "mail_from": "a@example.net", "rcpt_to": "postmaster@mx1.example.org", "replies": ["250 ok", "250 ok"], "verdict": "accepted", "path": "plain", "port": 587, "relay_attempt": false}]})
	inp := f.with_probe(two("postfix", closed_rules, {}), probe)
	status(inp) == "pass"
}
