package mta.tests.hyg_002

import data.mta.controls.hyg_002
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := hyg_002.result.status with input as inp
}

one(kind, settings) := f.single(kind, settings, [], "permit")

connector(settings) := f.mta_input("exchange", {}, [object.union(f.listener("EX01\\Default Frontend EX01", ["0.0.0.0:25"], 25), {"settings": settings})], {})

test_postfix_default_limit_passes if {
	inp := one("postfix", {})
	r := hyg_002.result with input as inp
	r.status == "pass"
	r.evidence[0].value == "10240000"
}

test_postfix_unlimited_fails if status(one("postfix", {"message_size_limit": f.at("main.cf", 100, "0")})) == "fail"

test_sendmail_max_message_size_passes if status(one("sendmail", {"MaxMessageSize": f.at("sendmail.cf", 100, "10485760")})) == "pass"

test_sendmail_unset_fails if status(one("sendmail", {})) == "fail"

test_exim_default_passes if status(one("exim", {})) == "pass"

test_exim_zero_fails if status(one("exim", {"message_size_limit": f.at("exim.conf", 9, "0")})) == "fail"

test_exchange_finite_passes if status(connector({"MaxMessageSize": f.at("Get-ReceiveConnector.txt", 6, "36 MB (37,748,736 bytes)")})) == "pass"

test_exchange_unlimited_fails if status(connector({"MaxMessageSize": f.at("Get-ReceiveConnector.txt", 6, "Unlimited")})) == "fail"

test_opensmtpd_default_passes if status(one("opensmtpd", {})) == "pass"

test_opensmtpd_zero_fails if status(one("opensmtpd", {"max-message-size": f.at("smtpd.conf", 3, "0")})) == "fail"

test_qmail_databytes_passes if status(one("qmail", {"databytes": f.at("control/databytes", 1, "10485760")})) == "pass"

test_qmail_default_unlimited_fails if status(one("qmail", {})) == "fail"

test_probe_only_finite_size_passes if status(f.probe_only(f.closed_probe)) == "pass"

test_probe_only_size_without_limit_fails if status(f.probe_only(f.probe_with({"capabilities": ["PIPELINING", "SIZE"]}))) == "fail"
