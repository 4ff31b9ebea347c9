package mta.tests.hyg_003

import data.mta.controls.hyg_003
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := hyg_003.result.status with input as inp
}

one(kind, settings) := f.single(kind, settings, [], "permit")

connector(settings) := f.mta_input("exchange", {}, [object.union(f.listener("EX01\\Default Frontend EX01", ["0.0.0.0:25"], 25), {"settings": settings})], {})

ssg_values := {
	"smtpd_client_connection_count_limit": f.at("main.cf", 110, "10"),
	"smtpd_client_connection_rate_limit": f.at("main.cf", 111, "30"),
	"smtpd_recipient_limit": f.at("main.cf", 112, "100"),
}

test_postfix_ssg_values_pass if {
	inp := one("postfix", ssg_values)
	r := hyg_003.result with input as inp
	r.status == "pass"
	count(r.evidence) == 3
}

test_postfix_default_rate_limit_fails if {
	inp := one("postfix", {})
	r := hyg_003.result with input as inp
	r.status == "fail"
	r.evidence[0].setting == "smtpd_client_connection_rate_limit"
}

test_exchange_default_recipients_passes if status(connector({})) == "pass"

test_exchange_stig_value_passes if status(connector({"MaxRecipientsPerMessage": f.at("Get-ReceiveConnector.txt", 7, 5000)})) == "pass"

test_exchange_unlimited_recipients_fails if status(connector({"MaxRecipientsPerMessage": f.at("Get-ReceiveConnector.txt", 7, "Unlimited")})) == "fail"

test_exchange_too_many_recipients_fails if status(connector({"MaxRecipientsPerMessage": f.at("Get-ReceiveConnector.txt", 7, 10000)})) == "fail"

test_exim_is_not_applicable if status(one("exim", {})) == "not_applicable"
