package mta.tests.relay_002

import data.mta.controls.relay_002
import data.mta.tests.fixtures as f

reject_all := f.rule("any", null, "any", "reject", "reject")

trust(kind, nets) := f.single(kind, {}, [f.permit_mynetworks(nets), reject_all], "reject")

status(inp) := s if {
	s := relay_002.result.status with input as inp
}

test_postfix_loopback_mynetworks_passes if status(trust("postfix", ["127.0.0.0/8", "[::ffff:127.0.0.0]/104", "[::1]/128"])) == "pass"

test_postfix_172_slash_8_fails if {
	inp := trust("postfix", ["127.0.0.0/8", "172.0.0.0/8"])
	r := relay_002.result with input as inp
	r.status == "fail"
	r.evidence[0].value == "permit_mynetworks"
}

test_postfix_split_everything_fails if status(trust("postfix", ["0.0.0.0/1", "128.0.0.0/1"])) == "fail"

test_postfix_ipv6_everything_fails if status(trust("postfix", ["[::]/0"])) == "fail"

test_postfix_link_local_ipv6_passes if status(trust("postfix", ["127.0.0.0/8", "[fe80::]/64"])) == "pass"

test_postfix_mynetworks_style_class_fails if {
	inp := f.single("postfix", {"mynetworks_style": f.at("main.cf", 4, "class")}, [f.permit_mynetworks(["style:class"]), reject_all], "reject")
	status(inp) == "fail"
}

test_postfix_mynetworks_style_class_setting_without_rule_fails if {
	inp := f.single("postfix", {"mynetworks_style": f.at("main.cf", 4, "class")}, [f.permit_sasl, reject_all], "reject")
	r := relay_002.result with input as inp
	r.status == "fail"
	r.evidence[0].setting == "mynetworks_style"
	r.evidence[0].line == 4
}

test_postfix_unresolved_mynetworks_is_error if {
	rule := object.union(f.permit_mynetworks(["unresolved:/etc/postfix/mynetworks"]), {"client_scope": "unknown", "unresolved": true})
	inp := f.with_unresolved(f.single("postfix", {}, [rule, reject_all], "reject"), [f.unresolved("mynetworks", "/etc/postfix/mynetworks")])
	r := relay_002.result with input as inp
	r.status == "error"
	some e in r.evidence
	e.value == "/etc/postfix/mynetworks"
}

test_postfix_auth_only_passes if status(f.single("postfix", {}, [f.permit_sasl, reject_all], "reject")) == "pass"

test_sender_conditioned_permit_is_not_a_trusted_set if {
	rule := object.union(f.rule("any", null, "any", "permit", "check_sender_access hash:/etc/postfix/sender"), {"condition": "sender:hash:/etc/postfix/sender", "attacker_controlled": true})
	status(f.single("postfix", {}, [rule, reject_all], "permit")) == "pass"
}

test_loopback_only_listener_is_ignored if {
	l := object.union(f.listener("smtp", ["127.0.0.1:25"], 25), {"loopback_only": true})
	inp := f.mta_input("postfix", {}, [l], {"smtp": f.relay([f.permit_mynetworks(["0.0.0.0/0"]), reject_all], "permit")})
	status(inp) == "pass"
}

test_sendmail_connect_localhost_passes if status(trust("sendmail", ["127.0.0.1"])) == "pass"

test_sendmail_connect_whole_tld_fails if status(trust("sendmail", ["127.0.0.1", "com"])) == "fail"

test_exim_private_relay_from_hosts_passes if status(trust("exim", ["127.0.0.1", "::1", "192.168.1.0/24"])) == "pass"

test_exim_relay_from_hosts_everything_fails if status(trust("exim", ["0.0.0.0/0"])) == "fail"

test_exchange_relay_connector_for_two_hosts_passes if {
	rule := object.union(f.rule(["192.0.2.10", "192.0.2.11"], false, "any", "permit", "ms-Exch-SMTP-Accept-Any-Recipient"), {"setting": "ms-Exch-SMTP-Accept-Any-Recipient"})
	status(f.single("exchange", {}, [rule], "reject")) == "pass"
}

test_exchange_relay_connector_for_everyone_fails if {
	rule := object.union(f.rule(["0.0.0.0-255.255.255.255"], false, "any", "permit", "ms-Exch-SMTP-Accept-Any-Recipient"), {"client_scope": "all"})
	status(f.single("exchange", {}, [rule], "reject")) == "fail"
}

test_opensmtpd_private_sources_pass if status(trust("opensmtpd", ["127.0.0.1/8", "172.17.0.0/12", "10.0.0.0/8", "192.168.0.0/16"])) == "pass"

test_opensmtpd_split_halves_fail if status(trust("opensmtpd", ["0.0.0.0/1", "128.0.0.0/1"])) == "fail"

test_qmail_loopback_relayclient_passes if status(trust("qmail", ["127.0.0.0/8"])) == "pass"

test_qmail_relayclient_for_a_slash_4_fails if status(trust("qmail", ["127.0.0.0/8", "64.0.0.0/4"])) == "fail"

test_template_placeholder_in_trusted_set_is_error if status(trust("postfix", ["127.0.0.0/8", "_MAIL_ALLOWED_NETS_"])) == "error"

test_permit_for_every_client_is_left_to_relay_001 if {
	# a catch-all permit is no trusted *set*; MTA-RELAY-001 judges it
	rule := f.rule("any", null, "any", "permit", ":allow,RELAYCLIENT=\"\"")
	status(f.single("qmail", {}, [rule], "reject")) == "pass"
}

test_no_relay_facts_is_error if status(f.mta_input("postfix", {}, [], {})) == "error"

test_probe_only_is_not_applicable if status(f.probe_only(f.closed_probe)) == "not_applicable"

test_opensmtpd_from_local_own_addresses_passes if status(trust("opensmtpd", ["local:own addresses"])) == "pass"

test_sendmail_relay_entire_domain_passes if status(trust("sendmail", ["domain:$m"])) == "pass"
