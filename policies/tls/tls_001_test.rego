package mta.tests.tls_001

import data.mta.controls.tls_001
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := tls_001.result.status with input as inp
}

one(kind, settings, tls) := f.mta_input(kind, settings, [object.union(f.listener("smtp", ["*:25"], 25), {"tls": tls})], {})

postfix_cert := {"smtpd_tls_cert_file": f.at("main.cf", 40, "/etc/ssl/certs/mx.pem"), "smtpd_tls_security_level": f.at("main.cf", 41, "may")}

test_postfix_starttls_with_cert_passes if status(one("postfix", postfix_cert, "starttls")) == "pass"

test_postfix_no_tls_fails if {
	inp := one("postfix", {}, "none")
	r := tls_001.result with input as inp
	r.status == "fail"
	r.evidence[0].listener == "smtp"
}

test_postfix_tls_without_certificate_fails if status(one("postfix", {"smtpd_tls_security_level": f.at("main.cf", 41, "may")}, "starttls")) == "fail"

test_postfix_chain_files_count_as_certificate if status(one("postfix", {"smtpd_tls_chain_files": f.at("main.cf", 40, "/etc/ssl/private/mx.pem")}, "starttls")) == "pass"

test_sendmail_starttls_passes if status(one("sendmail", {}, "starttls")) == "pass"

test_sendmail_no_tls_fails if status(one("sendmail", {}, "none")) == "fail"

test_exim_starttls_with_certificate_passes if status(one("exim", {"tls_certificate": f.at("exim.conf", 5, "/etc/exim4/exim.crt")}, "starttls")) == "pass"

test_exim_starttls_without_certificate_fails if status(one("exim", {}, "starttls")) == "fail"

test_exchange_tls_passes if status(one("exchange", {}, "starttls")) == "pass"

test_exchange_no_tls_fails if status(one("exchange", {}, "none")) == "fail"

test_opensmtpd_tls_require_passes if status(one("opensmtpd", {}, "required")) == "pass"

test_opensmtpd_plain_listener_fails if status(one("opensmtpd", {}, "none")) == "fail"

test_qmail_implicit_tls_passes if status(one("qmail", {}, "implicit")) == "pass"

test_qmail_plain_fails if status(one("qmail", {}, "none")) == "fail"

test_loopback_only_plain_listener_is_not_applicable if {
	inp := f.mta_input("postfix", {}, [object.union(f.listener("smtp", ["127.0.0.1:25"], 25), {"tls": "none", "loopback_only": true})], {})
	status(inp) == "not_applicable"
}

test_probe_without_starttls_fails if {
	probe := f.probe_with({"starttls": false, "tls": null})
	status(f.probe_only(probe)) == "fail"
}

test_probe_with_starttls_passes if status(f.probe_only(f.closed_probe)) == "pass"

test_probe_that_could_not_connect_is_not_a_tls_finding if {
	probe := f.probe_with({"banner": null, "starttls": false, "tls": null, "error": "connection refused", "relay": "inconclusive"})
	status(f.probe_only(probe)) == "not_applicable"
}
