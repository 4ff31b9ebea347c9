package mta.tests.hyg_001

import data.mta.controls.hyg_001
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := hyg_001.result.status with input as inp
}

one(kind, settings) := f.single(kind, settings, [], "permit")

test_postfix_helo_required_passes if {
	inp := one("postfix", {"smtpd_helo_required": f.at("main.cf", 90, "yes")})
	r := hyg_001.result with input as inp
	r.status == "pass"
	r.evidence[0].line == 90
}

test_postfix_default_fails if {
	inp := one("postfix", {})
	r := hyg_001.result with input as inp
	r.status == "fail"
	r.evidence[0]["default"] == true
}

test_sendmail_needmailhelo_passes if status(one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "needmailhelo,authwarnings")})) == "pass"

test_sendmail_without_needmailhelo_fails if status(one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "authwarnings")})) == "fail"

test_exim_is_not_applicable if status(one("exim", {})) == "not_applicable"

test_probe_only_is_not_applicable if status(f.probe_only(f.closed_probe)) == "not_applicable"
