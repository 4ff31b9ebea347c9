package mta.tests.net_002

import data.mta.controls.net_002
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := net_002.result.status with input as inp
}

sendmail := object.union(f.single("sendmail", {}, [], "reject"), {"mta": {"sources": [{"name": "/etc/mail/sendmail.cf", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]}})

test_sendmail_evaluated_fails if {
	r := net_002.result with input as sendmail
	r.status == "fail"
	r.evidence[0].file == "/etc/mail/sendmail.cf"
}

test_sendmail_in_inventory_fails if {
	inp := object.union(sendmail, {"asset": {"tags": {"packages": ["postfix", "sendmail", "sendmail-cf"]}}})
	status(inp) == "fail"
}

test_inventory_without_sendmail_passes if {
	inp := object.union(sendmail, {"asset": {"tags": {"packages": ["postfix", "sendmail-doc"]}}})
	r := net_002.result with input as inp
	r.status == "pass"
	r.evidence[0].value == ["sendmail-doc"]
}

test_postfix_is_not_applicable if status(f.single("postfix", {}, [], "permit")) == "not_applicable"
