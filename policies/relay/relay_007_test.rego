package mta.tests.relay_007

import data.mta.controls.relay_007
import data.mta.tests.fixtures as f

status(inp) := s if {
	s := relay_007.result.status with input as inp
}

connector(name, settings) := object.union(f.listener(name, ["0.0.0.0:25"], 25), {"kind": "FrontendTransport", "enabled": true, "settings": settings})

default_frontend := connector("EX01\\Default Frontend EX01", {
	"RemoteIPRanges": f.at("Get-ReceiveConnector.txt", 9, ["0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]),
	"PermissionGroups": f.at("Get-ReceiveConnector.txt", 10, "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"),
	"AuthMechanism": f.at("Get-ReceiveConnector.txt", 11, "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer"),
})

default_rules := [
	object.union(f.rule("any", null, "local", "permit", "AnonymousUsers"), {"setting": "PermissionGroups"}),
	object.union(f.rule("any", true, "any", "permit", "ExchangeServers"), {"setting": "PermissionGroups"}),
]

anonymous_relay := object.union(f.rule(["0.0.0.0-255.255.255.255"], false, "any", "permit", "NT AUTHORITY\\ANONYMOUS LOGON ms-Exch-SMTP-Accept-Any-Recipient"), {"client_scope": "all", "setting": "ms-Exch-SMTP-Accept-Any-Recipient"})

exchange(connectors, relays) := f.mta_input("exchange", {}, connectors, relays)

test_default_frontend_passes if {
	inp := exchange([default_frontend], {default_frontend.name: f.relay(default_rules, "reject")})
	r := relay_007.result with input as inp
	r.status == "pass"
	r.evidence[0].setting == "RemoteIPRanges"
}

test_anonymous_accept_any_recipient_on_internet_connector_fails if {
	inp := exchange([default_frontend], {default_frontend.name: f.relay(array.concat([anonymous_relay], default_rules), "reject")})
	r := relay_007.result with input as inp
	r.status == "fail"
	r.evidence[0].setting == "ms-Exch-SMTP-Accept-Any-Recipient"
}

test_anonymous_relay_connector_for_two_app_servers_passes if {
	relay_connector := connector("EX01\\App Relay", {
		"RemoteIPRanges": f.at("Get-ReceiveConnector.txt", 20, ["192.0.2.10", "192.0.2.11"]),
		"PermissionGroups": f.at("Get-ReceiveConnector.txt", 21, "AnonymousUsers"),
		"AuthMechanism": f.at("Get-ReceiveConnector.txt", 22, "Tls"),
	})
	inp := exchange([relay_connector], {relay_connector.name: f.relay([object.union(anonymous_relay, {"client": ["192.0.2.10", "192.0.2.11"], "client_scope": "public"})], "reject")})
	status(inp) == "pass"
}

test_externally_secured_internet_connector_fails if {
	c := connector("EX01\\Partner", {
		"RemoteIPRanges": f.at("Get-ReceiveConnector.txt", 30, ["0.0.0.0-255.255.255.255"]),
		"PermissionGroups": f.at("Get-ReceiveConnector.txt", 31, "ExchangeServers"),
		"AuthMechanism": f.at("Get-ReceiveConnector.txt", 32, "ExternalAuthoritative"),
	})
	inp := exchange([c], {c.name: f.relay([], "reject")})
	r := relay_007.result with input as inp
	r.status == "fail"
	some e in r.evidence
	e.setting == "AuthMechanism"
}

test_externally_secured_as_flag_numbers_fails if {
	c := connector("EX01\\Partner", {
		"PermissionGroups": f.at("Get-ReceiveConnector.json", 31, 4),
		"AuthMechanism": f.at("Get-ReceiveConnector.json", 32, 33),
	})
	inp := exchange([c], {c.name: f.relay([], "reject")})
	status(inp) == "fail"
}

test_disabled_connector_is_ignored if {
	c := object.union(default_frontend, {"enabled": false})
	inp := exchange([c], {c.name: f.relay([anonymous_relay], "reject")})
	status(inp) == "pass"
}

test_probe_open_fails if {
	inp := f.with_probe(exchange([default_frontend], {default_frontend.name: f.relay(default_rules, "reject")}), f.open_probe)
	status(inp) == "fail"
}

test_postfix_is_not_applicable if status(f.single("postfix", {}, [], "permit")) == "not_applicable"
