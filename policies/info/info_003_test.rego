package mta.tests.info_003

import data.mta.controls.info_003
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := info_003.result.status with input as inp
}

one(kind, settings) := f.single(kind, settings, [], "permit")

test_sendmail_noexpn_passes if {
	inp := one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "authwarnings, noexpn")})
	r := info_003.result with input as inp
	r.status == "pass"
	r.evidence[0].setting == "PrivacyOptions"
}

test_sendmail_default_fails if status(one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "authwarnings")})) == "fail"

test_exim_no_expn_acl_passes if status(one("exim", {})) == "pass"

test_exim_expn_acl_fails if status(one("exim", {"acl_smtp_expn": f.at("exim.conf", 21, "acl_check_expn")})) == "fail"

test_probe_expn_enabled_fails if status(f.with_probe(one("exim", {}), f.probe_with({"expn": "enabled"}))) == "fail"

test_postfix_is_not_applicable if status(one("postfix", {})) == "not_applicable"
