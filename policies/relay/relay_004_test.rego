package mta.tests.relay_004

import data.mta.controls.relay_004
import data.mta.tests.fixtures as f

closed_rules := [f.permit_mynetworks(["127.0.0.0/8"]), f.reject_unauth("reject", "reject_unauth_destination")]

status(inp) := s if {
	s := relay_004.result.status with input as inp
}

routing_probe(verdict) := f.probe_with({"tests": [{
	"id": "R17",
	"mail_from": "antispam@[192.0.2.10]",
	"rcpt_to": "@[192.0.2.10]:relaytest@example.com",
	"replies": ["250 2.1.0 Ok", "250 2.1.5 Ok"],
	"verdict": verdict,
	"path": "plain",
	"port": 25,
}]})

test_postfix_default_untrusted_routing_passes if {
	inp := f.single("postfix", {}, closed_rules, "permit")
	r := relay_004.result with input as inp
	r.status == "pass"
	r.evidence[0].setting == "allow_untrusted_routing"
	r.evidence[0]["default"] == true
}

test_postfix_allow_untrusted_routing_yes_fails if {
	inp := f.single("postfix", {"allow_untrusted_routing": f.at("main.cf", 12, "yes")}, closed_rules, "permit")
	r := relay_004.result with input as inp
	r.status == "fail"
	r.evidence[0].line == 12
}

test_sendmail_without_loose_relay_check_passes if status(f.single("sendmail", {}, closed_rules, "reject")) == "pass"

test_sendmail_loose_relay_check_fails if {
	inp := f.mta_input("sendmail", {}, [f.listener("MTA", ["*:25"], 25)], {"MTA": object.union(f.relay(closed_rules, "reject"), {"features": ["loose_relay_check"]})})
	status(inp) == "fail"
}

test_exim_without_percent_hack_passes if status(f.single("exim", {}, closed_rules, "reject")) == "pass"

test_exim_percent_hack_for_every_domain_fails if status(f.single("exim", {"percent_hack_domains": f.at("exim.conf", 7, "*")}, closed_rules, "reject")) == "fail"

test_probe_source_route_accepted_fails_even_if_config_closed if {
	inp := f.with_probe(f.single("postfix", {}, closed_rules, "permit"), routing_probe("accepted"))
	r := relay_004.result with input as inp
	r.status == "fail"
	r.evidence[0].probe_test == "R17"
}

test_probe_only_routing_denied_passes if status(f.probe_only(routing_probe("denied"))) == "pass"

test_probe_only_routing_inconclusive_is_error if status(f.probe_only(routing_probe("inconclusive"))) == "error"

test_opensmtpd_is_not_applicable if status(f.single("opensmtpd", {}, closed_rules, "reject")) == "not_applicable"
