package mta.tests.info_001

import data.mta.controls.info_001
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := info_001.result.status with input as inp
}

one(kind, settings, listener_settings) := f.mta_input(kind, settings, [object.union(f.listener("smtp", ["*:25"], 25), {"settings": listener_settings})], {})

test_postfix_hostname_only_banner_passes if {
	banner := {"value": "mx1.example.org ESMTP", "raw": "$myhostname ESMTP", "source": {"file": "main.cf", "line": 60}, "default": false}
	inp := one("postfix", {"smtpd_banner": banner}, {})
	r := info_001.result with input as inp
	r.status == "pass"
	r.evidence[0].line == 60
}

test_postfix_default_banner_fails if {
	inp := one("postfix", {}, {})
	r := info_001.result with input as inp
	r.status == "fail"
	r.evidence[0].value == "$myhostname ESMTP $mail_name"
}

test_postfix_debian_banner_fails if {
	banner := {"value": "mx1.example.org ESMTP Postfix (Debian/GNU)", "raw": "$myhostname ESMTP $mail_name (Debian/GNU)", "source": {"file": "main.cf", "line": 60}, "default": false}
	status(one("postfix", {"smtpd_banner": banner}, {})) == "fail"
}

test_postfix_listener_override_disclosing_fails if {
	banner := f.at("main.cf", 60, "$myhostname ESMTP")
	status(one("postfix", {"smtpd_banner": banner}, {"smtpd_banner": f.at("master.cf", 14, "$myhostname ESMTP $mail_version")})) == "fail"
}

test_sendmail_plain_greeting_passes if status(one("sendmail", {"SmtpGreetingMessage": f.at("sendmail.cf", 70, "$j ESMTP")}, {})) == "pass"

test_sendmail_version_in_greeting_fails if status(one("sendmail", {"SmtpGreetingMessage": f.at("sendmail.cf", 70, "$j Sendmail $v/$Z; $b")}, {})) == "fail"

test_sendmail_default_greeting_fails if status(one("sendmail", {}, {})) == "fail"

test_exim_plain_banner_passes if status(one("exim", {"smtp_banner": f.at("exim.conf", 30, "$smtp_active_hostname ESMTP")}, {})) == "pass"

test_exim_default_banner_fails if status(one("exim", {}, {})) == "fail"

test_exchange_stig_banner_passes if status(one("exchange", {}, {"Banner": f.at("Get-ReceiveConnector.txt", 5, "220 SMTP Server Ready")})) == "pass"

test_exchange_empty_banner_fails if status(one("exchange", {}, {"Banner": f.at("Get-ReceiveConnector.txt", 5, "")})) == "fail"

test_opensmtpd_fixed_greeting_fails if status(one("opensmtpd", {}, {})) == "fail"

test_opensmtpd_behind_a_banner_rewriting_proxy_passes if {
	inp := f.with_probe(one("opensmtpd", {}, {}), f.probe_with({"banner": "220 mx1.example.org ESMTP"}))
	status(inp) == "pass"
}

test_opensmtpd_probe_sees_product_name_fails if {
	inp := f.with_probe(one("opensmtpd", {}, {}), f.probe_with({"banner": "220 mx1.example.org ESMTP OpenSMTPD"}))
	status(inp) == "fail"
}

test_opensmtpd_local_only_is_not_applicable if {
	inp := f.mta_input("opensmtpd", {}, [object.union(f.listener("lo", ["lo:25"], 25), {"loopback_only": true})], {})
	status(inp) == "not_applicable"
}

test_qmail_default_greeting_passes if status(one("qmail", {}, {})) == "pass"

test_qmail_greeting_with_version_fails if status(one("qmail", {"smtpgreeting": f.at("control/smtpgreeting", 1, "mx1.example.org netqmail 1.06")}, {})) == "fail"

test_probe_banner_with_version_fails if {
	inp := f.probe_only(f.probe_with({"banner": "220 mx1.example.org ESMTP Exim 4.96 Sat, 28 Nov 2026 20:00:00 +0000"}))
	status(inp) == "fail"
}

test_probe_banner_with_ip_address_passes if {
	inp := f.probe_only(f.probe_with({"banner": "220 192.0.2.10 ESMTP ready"}))
	status(inp) == "pass"
}
