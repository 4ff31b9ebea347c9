package mta.tests.hyg_004

import data.mta.controls.hyg_004
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := hyg_004.result.status with input as inp
}

postscreen(settings) := f.mta_input("postfix", settings, [object.union(f.listener("smtp", ["*:25"], 25), {"kind": "postscreen"})], {})

test_postfix_postscreen_enforce_passes if {
	inp := postscreen({"postscreen_greet_action": f.at("main.cf", 120, "enforce")})
	r := hyg_004.result with input as inp
	r.status == "pass"
	some e in r.evidence
	e.line == 120
}

test_postfix_postscreen_default_ignore_fails if status(postscreen({})) == "fail"

test_postfix_without_postscreen_fails if status(f.single("postfix", {"postscreen_greet_action": f.at("main.cf", 120, "enforce")}, [], "permit")) == "fail"

test_sendmail_greet_pause_passes if status(f.single("sendmail", {"FEATURE": f.at("sendmail.mc", 20, ["greet_pause", "access_db"])}, [], "reject")) == "pass"

test_sendmail_without_greet_pause_fails if status(f.single("sendmail", {"FEATURE": f.at("sendmail.mc", 20, ["access_db"])}, [], "reject")) == "fail"

test_exim_connect_acl_passes if status(f.single("exim", {"acl_smtp_connect": f.at("exim.conf", 15, "acl_check_connect")}, [], "reject")) == "pass"

test_exim_without_connect_acl_fails if status(f.single("exim", {}, [], "reject")) == "fail"

test_exchange_is_not_applicable if status(f.single("exchange", {}, [], "reject")) == "not_applicable"

test_sendmail_greet_pause_feature_key_passes if status(f.single("sendmail", {"FEATURE(greet_pause)": f.at("sendmail.mc", 21, ["1000"])}, [], "reject")) == "pass"
