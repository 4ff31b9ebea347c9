package mta.tests.relay_009

import data.mta.controls.relay_009
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := relay_009.result.status with input as inp
}

postfix(settings) := f.single("postfix", settings, [], "permit")

test_level_3_6_passes if {
	inp := postfix({"compatibility_level": f.at("main.cf", 1, "3.6")})
	r := relay_009.result with input as inp
	r.status == "pass"
	r.evidence[0].value == "3.6"
}

test_level_2_passes if status(postfix({"compatibility_level": f.at("main.cf", 1, "2")})) == "pass"

test_absent_fails if status(postfix({})) == "fail"

test_builtin_default_fails if status(postfix({"compatibility_level": f.dflt("0")})) == "fail"

test_level_1_fails if status(postfix({"compatibility_level": f.at("main.cf", 1, "1")})) == "fail"

test_unreadable_level_is_error if status(postfix({"compatibility_level": f.at("main.cf", 1, "${{$x}}")})) == "error"

test_postfix_2_is_not_applicable if {
	inp := object.union(postfix({}), {"mta": {"version": "2.6.6"}})
	status(inp) == "not_applicable"
}

test_sendmail_is_not_applicable if status(f.single("sendmail", {}, [], "reject")) == "not_applicable"
