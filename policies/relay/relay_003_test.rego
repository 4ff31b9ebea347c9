package mta.tests.relay_003

import data.mta.controls.relay_003
import data.mta.tests.fixtures as f

closed_rules := [f.permit_mynetworks(["127.0.0.0/8"]), f.reject_unauth("reject", "reject_unauth_destination")]

with_settings(kind, settings) := f.single(kind, settings, closed_rules, "permit")

status(inp) := s if {
	s := relay_003.result.status with input as inp
}

test_postfix_named_relay_domains_pass if {
	inp := with_settings("postfix", {"relay_domains": f.at("main.cf", 8, "example.org, example.net $mydestination")})
	r := relay_003.result with input as inp
	r.status == "pass"
	r.evidence[0].setting == "relay_domains"
}

test_postfix_relay_domains_star_fails if {
	inp := with_settings("postfix", {"relay_domains": f.at("main.cf", 8, "*")})
	r := relay_003.result with input as inp
	r.status == "fail"
	r.evidence[0].line == 8
}

test_postfix_relay_domains_static_all_fails if status(with_settings("postfix", {"relay_domains": f.at("main.cf", 8, "static:ALL")})) == "fail"

test_postfix_relay_domains_table_is_not_a_tld if status(with_settings("postfix", {"relay_domains": f.at("main.cf", 8, "hash:/etc/postfix/relay_domains")})) == "pass"

test_postfix_permit_mx_backup_without_networks_fails if {
	settings := {"smtpd_recipient_restrictions": f.at("main.cf", 9, "permit_mynetworks, permit_mx_backup, reject_unauth_destination")}
	status(with_settings("postfix", settings)) == "fail"
}

test_postfix_permit_mx_backup_with_networks_passes if {
	settings := {
		"smtpd_recipient_restrictions": f.at("main.cf", 9, "permit_mynetworks, permit_mx_backup, reject_unauth_destination"),
		"permit_mx_backup_networks": f.at("main.cf", 10, "192.0.2.0/24"),
	}
	status(with_settings("postfix", settings)) == "pass"
}

test_postfix_unresolved_relay_domains_is_error if {
	inp := f.with_unresolved(with_settings("postfix", {}), [f.unresolved("relay_domains", "hash:/etc/postfix/relay_domains")])
	status(inp) == "error"
}

test_sendmail_no_relay_features_passes if status(with_settings("sendmail", {})) == "pass"

test_sendmail_relay_based_on_mx_fails if {
	inp := f.mta_input("sendmail", {}, [f.listener("MTA", ["*:25"], 25)], {"MTA": object.union(f.relay(closed_rules, "reject"), {"features": ["relay_based_on_MX"]})})
	r := relay_003.result with input as inp
	r.status == "fail"
	r.evidence[0].value == "relay_based_on_MX"
}

test_sendmail_relay_to_whole_tld_fails if {
	rule := object.union(f.rule("any", null, ["com"], "permit", "To:com RELAY"), {"setting": "To:"})
	status(f.single("sendmail", {}, [rule], "reject")) == "fail"
}

test_exim_bounded_relay_to_domains_passes if status(with_settings("exim", {"domainlist relay_to_domains": f.at("exim.conf", 3, "example.org : example.net")})) == "pass"

test_exim_relay_to_domains_star_fails if status(with_settings("exim", {"domainlist relay_to_domains": f.at("exim.conf", 3, "*")})) == "fail"

test_exim_relay_to_mx_any_fails if status(with_settings("exim", {"domainlist relay_to_domains": f.at("exim.conf", 3, "@mx_any")})) == "fail"

test_exim_debian_dc_relay_domains_star_fails if status(with_settings("exim", {"dc_relay_domains": f.at("update-exim4.conf.conf", 5, "*")})) == "fail"

test_exchange_is_not_applicable if status(with_settings("exchange", {})) == "not_applicable"

test_postfix_template_placeholder_in_relay_domains_is_error if status(with_settings("postfix", {"relay_domains": f.at("main.cf", 8, "_MAIL_HOSTNAME_, localhost")})) == "error"
