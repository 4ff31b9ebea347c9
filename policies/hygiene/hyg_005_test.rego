package mta.tests.hyg_005

import data.mta.controls.hyg_005
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := hyg_005.result.status with input as inp
}

aliases(settings) := object.union(f.single("postfix", settings, [], "permit"), {"mta": {"sources": [{"name": "/etc/aliases", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "role": "aliases"}]}})

test_root_and_postmaster_aliased_passes if {
	inp := aliases({"alias:root": f.at("/etc/aliases", 3, "security@example.org"), "alias:postmaster": f.at("/etc/aliases", 2, "root")})
	r := hyg_005.result with input as inp
	r.status == "pass"
	count(r.evidence) == 2
}

test_root_not_aliased_fails if {
	inp := aliases({"alias:postmaster": f.at("/etc/aliases", 2, "root")})
	r := hyg_005.result with input as inp
	r.status == "fail"
	some e in r.evidence
	e.setting == "alias:root"
}

test_aliases_not_supplied_is_error if {
	inp := f.with_unresolved(f.single("postfix", {}, [], "permit"), [f.unresolved("alias_maps", "hash:/etc/aliases")])
	r := hyg_005.result with input as inp
	r.status == "error"
	r.evidence[0].value == "hash:/etc/aliases"
}

test_exim_is_not_applicable if status(f.single("exim", {}, [], "reject")) == "not_applicable"

test_sendmail_aliases_are_judged_too if {
	ok := object.union(f.single("sendmail", {"alias:root": f.at("/etc/mail/aliases", 9, ["ops@example.org"]), "alias:postmaster": f.at("/etc/mail/aliases", 2, ["root"])}, [], "reject"), {"mta": {"sources": [{"name": "/etc/mail/aliases", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "role": "aliases"}]}})
	status(ok) == "pass"
	missing := object.union(f.single("sendmail", {}, [], "reject"), {"mta": {"sources": [{"name": "/etc/mail/aliases", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "role": "aliases"}]}})
	status(missing) == "fail"
	status(f.single("sendmail", {}, [], "reject")) == "error"
}

test_empty_alias_maps_fails if {
	inp := f.single("postfix", {"alias_maps": f.at("/etc/postfix/main.cf", 12, "")}, [], "permit")
	r := hyg_005.result with input as inp
	r.status == "fail"
	r.evidence[0].setting == "alias_maps"
	r.evidence[0].line == 12
}
