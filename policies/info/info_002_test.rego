package mta.tests.info_002

import data.mta.controls.info_002
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := info_002.result.status with input as inp
}

one(kind, settings) := f.single(kind, settings, [], "permit")

test_postfix_vrfy_disabled_passes if {
	inp := one("postfix", {"disable_vrfy_command": f.at("main.cf", 70, "yes")})
	r := info_002.result with input as inp
	r.status == "pass"
	r.evidence[0].line == 70
}

test_postfix_default_fails if status(one("postfix", {})) == "fail"

test_sendmail_novrfy_passes if status(one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "authwarnings,novrfy,noexpn")})) == "pass"

test_sendmail_goaway_passes if status(one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "goaway")})) == "pass"

test_sendmail_debian_default_fails if status(one("sendmail", {"PrivacyOptions": f.at("sendmail.cf", 80, "needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings")})) == "fail"

test_exim_no_vrfy_acl_passes if status(one("exim", {})) == "pass"

test_exim_vrfy_acl_fails if status(one("exim", {"acl_smtp_vrfy": f.at("exim.conf", 20, "acl_check_vrfy")})) == "fail"

test_probe_vrfy_enabled_fails_despite_config if {
	inp := f.with_probe(one("postfix", {"disable_vrfy_command": f.at("main.cf", 70, "yes")}), f.probe_with({"vrfy": "enabled"}))
	status(inp) == "fail"
}

test_probe_only_vrfy_disabled_passes if status(f.probe_only(f.probe_with({"vrfy": "disabled"}))) == "pass"

test_probe_only_vrfy_ambiguous_is_not_applicable if status(f.probe_only(f.probe_with({"vrfy": "ambiguous"}))) == "not_applicable"

test_exchange_is_not_applicable if status(one("exchange", {})) == "not_applicable"
