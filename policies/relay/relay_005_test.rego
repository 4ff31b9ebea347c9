package mta.tests.relay_005

import data.mta.controls.relay_005
import data.mta.tests.fixtures as f

reject_all := f.rule("any", null, "any", "reject", "reject")

status(inp) := s if {
	s := relay_005.result.status with input as inp
}

with_features(kind, features) := f.mta_input(kind, {}, [f.listener("MTA", ["*:25"], 25)], {"MTA": object.union(f.relay([reject_all], "reject"), {"features": features})})

sender_rule := object.union(f.rule("any", null, "any", "permit", "match mail-from <senders> for any action \"relay\""), {
	"condition": "mail_from:<senders>",
	"attacker_controlled": true,
	"setting": "match",
})

sender_probe(verdict) := f.probe_with({"tests": [{
	"id": "R08",
	"mail_from": "postmaster@mx1.example.org",
	"rcpt_to": "relaytest@example.com",
	"replies": ["250 2.1.0 Ok", "250 2.1.5 Ok"],
	"verdict": verdict,
	"path": "plain",
	"port": 25,
}]})

test_sendmail_plain_features_pass if status(with_features("sendmail", ["greet_pause"])) == "pass"

test_sendmail_relay_local_from_fails if {
	inp := with_features("sendmail", ["relay_local_from"])
	r := relay_005.result with input as inp
	r.status == "fail"
	r.evidence[0].value == "relay_local_from"
}

test_sendmail_promiscuous_relay_fails if status(with_features("sendmail", ["promiscuous_relay"])) == "fail"

test_opensmtpd_auth_rule_passes if {
	rule := f.rule("any", true, "any", "permit", "match auth from any for any action \"relay\"")
	status(f.single("opensmtpd", {}, [rule, reject_all], "reject")) == "pass"
}

test_opensmtpd_mail_from_rule_fails if {
	inp := f.single("opensmtpd", {}, [sender_rule, reject_all], "reject")
	r := relay_005.result with input as inp
	r.status == "fail"
	r.evidence[0].setting == "match"
}

test_exim_default_acl_passes if {
	rules := [f.rule(["127.0.0.1"], null, "any", "permit", "accept hosts = +relay_from_hosts"), object.union(reject_all, {"recipient_except": "local"})]
	status(f.single("exim", {}, rules, "reject")) == "pass"
}

test_exim_accept_senders_before_require_fails if {
	rule := object.union(sender_rule, {"text": "accept senders = postmaster@example.org", "condition": "senders:postmaster@example.org"})
	status(f.single("exim", {}, [rule, reject_all], "reject")) == "fail"
}

test_probe_forged_postmaster_accepted_fails if {
	inp := f.with_probe(with_features("sendmail", []), sender_probe("accepted"))
	status(inp) == "fail"
}

test_probe_only_forged_sender_denied_passes if status(f.probe_only(sender_probe("denied"))) == "pass"

test_postfix_is_not_applicable if status(f.single("postfix", {}, [reject_all], "permit")) == "not_applicable"

test_no_relay_facts_is_error if status(f.mta_input("sendmail", {}, [], {})) == "error"

test_exim_recipient_local_part_condition_is_not_sender_based if {
	rule := object.union(f.rule("any", null, "local", "permit", "accept local_parts = postmaster domains = +local_domains"), {"condition": "local_parts = postmaster", "attacker_controlled": true})
	inp := f.single("exim", {"dc_relay_domains": f.at("update-exim4.conf.conf", 5, "*")}, [rule, reject_all], "reject")
	status(inp) == "pass"
}
