package mta.tests.tls_003

import data.mta.controls.tls_003
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := tls_003.result.status with input as inp
}

submission(kind, tls, settings) := f.mta_input(kind, {}, [
	object.union(f.listener("smtp", ["*:25"], 25), {"tls": "starttls"}),
	object.union(f.listener("submission", ["*:587"], 587), {"tls": tls, "settings": settings}),
], {})

test_postfix_submission_encrypt_passes if status(submission("postfix", "required", {"smtpd_tls_security_level": f.at("master.cf", 18, "encrypt")})) == "pass"

test_postfix_submission_may_fails if {
	inp := submission("postfix", "starttls", {"smtpd_tls_security_level": f.at("master.cf", 18, "may")})
	r := tls_003.result with input as inp
	r.status == "fail"
	r.evidence[0].listener == "submission"
}

test_opensmtpd_tls_require_passes if status(submission("opensmtpd", "required", {})) == "pass"

test_opensmtpd_optional_tls_fails if status(submission("opensmtpd", "starttls", {})) == "fail"

test_exim_smtps_passes if {
	inp := f.mta_input("exim", {}, [object.union(f.listener("daemon:465", ["*:465"], 465), {"tls": "implicit"})], {})
	status(inp) == "pass"
}

test_exim_587_without_tls_requirement_fails if status(submission("exim", "starttls", {})) == "fail"

test_exchange_require_tls_passes if status(submission("exchange", "starttls", {"RequireTLS": f.at("Get-ReceiveConnector.txt", 8, true)})) == "pass"

test_exchange_client_frontend_without_require_tls_fails if status(submission("exchange", "starttls", {"RequireTLS": f.at("Get-ReceiveConnector.txt", 8, false)})) == "fail"

test_no_submission_listener_is_not_applicable if status(f.single("postfix", {}, [], "permit")) == "not_applicable"

test_sendmail_is_not_applicable if status(submission("sendmail", "starttls", {})) == "not_applicable"

test_probe_plain_mail_on_587_fails if {
	probe := f.probe_with({"tests": [{"id": "R01", "mail_from": "a@example.net", "rcpt_to": "b@example.com", "replies": ["250 2.1.0 Ok", "554 5.7.1 Relay access denied"], "verdict": "denied", "path": "plain", "port": 587}]})
	inp := f.with_probe(submission("postfix", "required", {}), probe)
	status(inp) == "fail"
}

test_exchange_client_frontend_authenticated_only_passes if {
	settings := {
		"PermissionGroups": f.at("Get-ReceiveConnector.txt", 3, "ExchangeUsers"),
		"AuthMechanism": f.at("Get-ReceiveConnector.txt", 4, "Tls, Integrated, BasicAuth, BasicAuthRequireTLS"),
	}
	status(submission("exchange", "starttls", settings)) == "pass"
}

test_exchange_587_with_anonymous_users_fails if {
	settings := {
		"PermissionGroups": f.at("Get-ReceiveConnector.txt", 3, "AnonymousUsers, ExchangeUsers"),
		"AuthMechanism": f.at("Get-ReceiveConnector.txt", 4, "Tls, BasicAuth, BasicAuthRequireTLS"),
	}
	status(submission("exchange", "starttls", settings)) == "fail"
}

test_opensmtpd_mandatory_auth_on_starttls_listener_passes if {
	inp := f.mta_input("opensmtpd", {}, [object.union(f.listener("listen on egress port 587", ["egress:587"], 587), {"tls": "starttls", "auth": true, "auth_required": true})], {})
	status(inp) == "pass"
}
