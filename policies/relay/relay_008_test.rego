package mta.tests.relay_008

import data.mta.controls.relay_008
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := relay_008.result.status with input as inp
}

host(settings) := f.with_role(f.single("postfix", settings, [], "permit"), "host")

test_stig_value_passes if {
	inp := host({"smtpd_client_restrictions": f.at("main.cf", 30, "permit_mynetworks,reject")})
	r := relay_008.result with input as inp
	r.status == "pass"
	r.evidence[0].line == 30
}

test_stig_value_with_spaces_passes if status(host({"smtpd_client_restrictions": f.at("main.cf", 30, "permit_mynetworks, reject")})) == "pass"

test_unset_fails if status(host({})) == "fail"

test_extra_entries_fail if status(host({"smtpd_client_restrictions": f.at("main.cf", 30, "permit_mynetworks, permit_sasl_authenticated, reject")})) == "fail"

test_mail_server_is_not_applicable if status(f.single("postfix", {}, [], "permit")) == "not_applicable"

test_exim_host_is_not_applicable if status(f.with_role(f.single("exim", {}, [], "reject"), "host")) == "not_applicable"
