package mta.tests.tls_002

import data.mta.controls.tls_002
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := tls_002.result.status with input as inp
}

auth_listener(kind, settings, listener_settings, tls) := f.mta_input(kind, settings, [object.union(f.listener("submission", ["*:587"], 587), {"auth": true, "tls": tls, "settings": listener_settings})], {})

test_postfix_tls_auth_only_passes if {
	inp := auth_listener("postfix", {"smtpd_tls_auth_only": f.at("main.cf", 50, "yes")}, {}, "starttls")
	r := tls_002.result with input as inp
	r.status == "pass"
	r.evidence[0].listener == "submission"
}

test_postfix_encrypt_override_passes if status(auth_listener("postfix", {}, {"smtpd_tls_security_level": f.at("master.cf", 18, "encrypt")}, "starttls")) == "pass"

test_postfix_auth_without_tls_only_fails if status(auth_listener("postfix", {"smtpd_tls_auth_only": f.at("main.cf", 50, "no")}, {}, "starttls")) == "fail"

test_sendmail_auth_options_p_passes if status(auth_listener("sendmail", {"AuthOptions": f.at("sendmail.cf", 90, "A,p,y")}, {}, "starttls")) == "pass"

test_sendmail_auth_options_without_p_fails if status(auth_listener("sendmail", {"AuthOptions": f.at("sendmail.cf", 90, "A")}, {}, "starttls")) == "fail"

test_exim_advertise_condition_tls_passes if {
	settings := {"plain_server server_advertise_condition": f.at("exim.conf", 120, "${if def:tls_in_cipher }")}
	status(auth_listener("exim", settings, {}, "starttls")) == "pass"
}

test_exim_auth_advertised_everywhere_fails if status(auth_listener("exim", {"auth_advertise_hosts": f.at("exim.conf", 12, "*")}, {}, "starttls")) == "fail"

test_exchange_stig_auth_mechanism_passes if status(auth_listener("exchange", {}, {"AuthMechanism": f.at("Get-ReceiveConnector.txt", 4, "Tls, BasicAuth, BasicAuthRequireTLS")}, "starttls")) == "pass"

test_exchange_basic_auth_without_tls_fails if status(auth_listener("exchange", {}, {"AuthMechanism": f.at("Get-ReceiveConnector.txt", 4, "Tls, BasicAuth")}, "starttls")) == "fail"

test_exchange_basic_auth_flags_without_tls_fails if status(auth_listener("exchange", {}, {"AuthMechanism": f.at("Get-ReceiveConnector.json", 4, 5)}, "starttls")) == "fail"

test_exchange_basic_auth_flags_with_tls_passes if status(auth_listener("exchange", {}, {"AuthMechanism": f.at("Get-ReceiveConnector.json", 4, 13)}, "starttls")) == "pass"

test_opensmtpd_auth_on_tls_listener_passes if status(auth_listener("opensmtpd", {}, {}, "starttls")) == "pass"

test_opensmtpd_auth_on_plain_listener_fails if status(auth_listener("opensmtpd", {}, {}, "none")) == "fail"

test_qmail_auth_on_smtps_passes if status(auth_listener("qmail", {}, {}, "implicit")) == "pass"

test_qmail_auth_patch_in_cleartext_fails if status(auth_listener("qmail", {}, {}, "starttls")) == "fail"

test_no_auth_is_not_applicable if status(f.single("postfix", {}, [], "permit")) == "not_applicable"

test_probe_auth_before_tls_fails if {
	inp := f.probe_only(f.probe_with({"auth_before_tls": ["PLAIN", "LOGIN"], "auth_mechanisms": ["PLAIN", "LOGIN"]}))
	r := tls_002.result with input as inp
	r.status == "fail"
	r.evidence[0].value == ["PLAIN", "LOGIN"]
}

test_probe_auth_only_after_tls_passes if status(f.probe_only(f.probe_with({"auth_before_tls": [], "auth_mechanisms": ["PLAIN"]}))) == "pass"
