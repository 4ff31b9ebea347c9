# METADATA
# scope: package
# title: "Exchange: no anonymous or externally-secured relay reachable from untrusted ranges"
# description: >-
#   No enabled receive connector whose RemoteIPRanges include Internet address space may grant
#   relaying without authentication: neither the ANONYMOUS LOGON (S-1-5-7) extended right
#   ms-Exch-SMTP-Accept-Any-Recipient (Deny = false, not inherited) nor AuthMechanism
#   ExternalAuthoritative together with PermissionGroups ExchangeServers. AuthMechanism and
#   PermissionGroups are read as flag numbers, comma strings or lists.
# custom:
#   id: MTA-RELAY-007
#   severity: critical
#   mta_kinds: [exchange]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cve: [CVE-1999-0512]
#     stig: [V-259687, V-228391, V-221245]
#     tenable: ["10262"]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     exchange: |-
#       Get-ADPermission -Identity "SERVER\Relay Connector" -User "NT AUTHORITY\ANONYMOUS LOGON" | Where-Object {$_.ExtendedRights -like "ms-Exch-SMTP-Accept-Any-Recipient"} | Remove-ADPermission -Confirm:$false
#       Set-ReceiveConnector -Identity "SERVER\Relay Connector" -AuthMechanism Tls -PermissionGroups AnonymousUsers
#       # if an anonymous relay connector is required, restrict it to the application servers:
#       Set-ReceiveConnector -Identity "SERVER\Relay Connector" -RemoteIPRanges 192.0.2.10,192.0.2.11
#   rollback: >-
#     Re-apply the previous connector settings (Set-ReceiveConnector with the saved PermissionGroups,
#     AuthMechanism and RemoteIPRanges; Add-ADPermission for a removed right), restart the transport
#     service (Restart-Service MSExchangeFrontEndTransport) and re-run the evaluation.
package mta.controls.relay_007

import data.mta.lib

default_ranges := ["0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]

ranges(l) := lib.as_list(l.settings.RemoteIPRanges.value) if {
	l.settings.RemoteIPRanges
} else := default_ranges

# A RemoteIPRanges entry that opens the connector to a wide part of the Internet: a public
# range spanning more than one /24, or a public CIDR wider than /24 (/64 for IPv6). Single
# application-server addresses are the accepted form of a relay connector.
ip_prefix24(a) := concat(".", array.slice(split(a, "."), 0, 3))

internet_range(e) if {
	contains(e, "-")
	ends := [trim_space(part) | some part in split(e, "-")]
	some end in ends
	not lib.non_public(end)
	ip_prefix24(ends[0]) != ip_prefix24(ends[count(ends) - 1])
}

internet_range(e) if {
	not contains(e, "-")
	lib.is_cidr(e)
	not lib.non_public(e)
	not contains(e, ":")
	lib.prefix_length(e) < 24
}

internet_range(e) if {
	not contains(e, "-")
	lib.is_cidr(e)
	not lib.non_public(e)
	contains(e, ":")
	lib.prefix_length(e) < 64
}

internet_facing(l) if {
	some e in ranges(l)
	is_string(e)
	internet_range(e)
}

enabled(l) if not l.enabled == false

anonymous_relay_rules(l) := [lib.ev_rule(l.name, r) |
	some r in lib.relay_rules(l.name)
	r.action == "permit"
	lib.rule_anonymous(r)
	lib.recipient_external(r)
]

externally_secured(l) if {
	"externalauthoritative" in lib.exchange_flags(l.settings.AuthMechanism.value, lib.exchange_auth_bits)
	"exchangeservers" in lib.exchange_flags(l.settings.PermissionGroups.value, lib.exchange_permission_bits)
}

findings := array.concat(
	[e |
		some l in input.mta.listeners
		enabled(l)
		internet_facing(l)
		some e in anonymous_relay_rules(l)
	],
	[e |
		some l in input.mta.listeners
		enabled(l)
		internet_facing(l)
		externally_secured(l)
		some e in [
			lib.ev_listener(l, "AuthMechanism", l.settings.AuthMechanism),
			lib.ev_listener(l, "PermissionGroups", l.settings.PermissionGroups),
		]
	]
)

connector_evidence := [lib.ev_listener(l, "RemoteIPRanges", {"value": ranges(l), "source": object.get(l, "source", {})}) |
	some l in input.mta.listeners
]

result := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	lib.kind != "exchange"
} else := lib.fail(
	"an Internet-facing receive connector grants relaying without authentication",
	findings
) if {
	count(findings) > 0
} else := lib.fail(
	"the live probe relayed through the Exchange server",
	lib.probe_relay_evidence
) if {
	lib.probe_relay_open
} else := lib.error("no receive connectors were supplied", []) if {
	lib.has_config
	count(input.mta.listeners) == 0
} else := lib.pass(
	"no Internet-facing receive connector grants anonymous or externally-secured relaying",
	connector_evidence
) if {
	lib.has_config
} else := lib.not_applicable("no Exchange configuration facts were supplied")
