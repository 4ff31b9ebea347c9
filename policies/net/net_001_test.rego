package mta.tests.net_001

import data.mta.controls.net_001
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := net_001.result.status with input as inp
}

host(kind, settings, binds) := f.with_role(
	f.mta_input(kind, settings, [object.union(f.listener("smtp", binds, 25), {"loopback_only": loopback(binds)})], {}),
	"host"
)

loopback(binds) if {
	every b in binds {
		startswith(b, "127.")
	}
}

loopback(binds) := false if {
	some b in binds
	not startswith(b, "127.")
}

test_postfix_loopback_only_passes if {
	inp := host("postfix", {"inet_interfaces": f.at("main.cf", 14, "loopback-only")}, ["127.0.0.1:25"])
	r := net_001.result with input as inp
	r.status == "pass"
	some e in r.evidence
	e.setting == "inet_interfaces"
	e.line == 14
}

test_postfix_all_interfaces_fails if {
	inp := host("postfix", {"inet_interfaces": f.at("main.cf", 14, "all")}, ["*:25"])
	r := net_001.result with input as inp
	r.status == "fail"
	r.evidence[0].listener == "smtp"
}

test_exim_debian_local_passes if status(host("exim", {"dc_local_interfaces": f.at("update-exim4.conf.conf", 4, "127.0.0.1 ; ::1")}, ["127.0.0.1:25"])) == "pass"

test_exim_all_interfaces_fails if status(host("exim", {"dc_local_interfaces": f.at("update-exim4.conf.conf", 4, "")}, ["*:25"])) == "fail"

test_sendmail_msa_on_all_addresses_fails if {
	inp := f.with_role(f.mta_input("sendmail", {}, [
		object.union(f.listener("MTA", ["127.0.0.1:25"], 25), {"loopback_only": true}),
		object.union(f.listener("MSA", ["*:587"], 587), {"loopback_only": false}),
	], {}), "host")
	r := net_001.result with input as inp
	r.status == "fail"
	r.evidence[0].listener == "MSA"
}

test_sendmail_all_loopback_passes if status(host("sendmail", {}, ["127.0.0.1:25"])) == "pass"

test_opensmtpd_listen_on_localhost_passes if status(host("opensmtpd", {}, ["127.0.0.1:25"])) == "pass"

test_opensmtpd_listen_on_egress_fails if status(host("opensmtpd", {}, ["egress:25"])) == "fail"

test_probe_reached_smtp_fails if {
	inp := f.with_probe(host("postfix", {}, ["127.0.0.1:25"]), f.closed_probe)
	status(inp) == "fail"
}

test_mail_server_is_not_applicable if status(f.single("postfix", {}, [], "permit")) == "not_applicable"

test_exchange_host_is_not_applicable if status(host("exchange", {}, ["*:25"])) == "not_applicable"
