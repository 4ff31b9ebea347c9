package mta.tests.hyg_006

import data.mta.controls.hyg_006
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := hyg_006.result.status with input as inp
}

test_clean_configuration_passes if status(f.single("postfix", {}, [], "permit")) == "pass"

test_duplicate_key_fails if {
	diag := {"severity": "warning", "message": "/etc/postfix/main.cf, line 12: overriding earlier entry: mynetworks=127.0.0.0/8", "file": "/etc/postfix/main.cf", "line": 12, "construct": "mynetworks"}
	inp := object.union(f.single("postfix", {}, [], "permit"), {"mta": {"diagnostics": [diag]}})
	r := hyg_006.result with input as inp
	r.status == "fail"
	r.evidence[0].line == 12
	r.evidence[0].setting == "mynetworks"
}

test_exim_is_not_applicable if status(f.single("exim", {}, [], "reject")) == "not_applicable"

test_input_notes_are_not_configuration_warnings if {
	notes := [
		{"severity": "warning", "message": "master.cf not supplied: assuming the stock 'smtp inet ... smtpd' service on port 25", "file": null, "line": null},
		{"severity": "warning", "message": "check_policy_service inet:127.0.0.1:12340 decides at run time; its answers are not known to the collector", "file": "/etc/postfix/main.cf", "line": 67},
	]
	inp := object.union(f.single("postfix", {}, [], "permit"), {"mta": {"diagnostics": notes}})
	status(inp) == "pass"
}
