# METADATA
# scope: package
# title: Per-listener overrides do not weaken relay policy
# description: >-
#   Relay policy is judged for every listener, not only the global settings: Postfix master.cf
#   services with -o overrides, each Exchange receive connector, each OpenSMTPD listener, each
#   Exim daemon port. No listener may relay for anonymous clients from anywhere when another
#   listener shows the intended policy, and no listener's own overrides may open it. A live
#   probe that relayed on a port other than 25 or after STARTTLS / over implicit TLS fails.
# custom:
#   id: MTA-RELAY-006
#   severity: high
#   mta_kinds: [postfix, exchange, exim, opensmtpd]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cve: [CVE-1999-0512]
#     stig: [V-259687, V-228391, V-221245]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/master.cf: the submission/smtps services relay only for authenticated clients
#       submission inet n       -       y       -       -       smtpd
#         -o smtpd_tls_security_level=encrypt
#         -o smtpd_sasl_auth_enable=yes
#         -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
#       postfix reload
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Connector" -PermissionGroups ExchangeUsers -AuthMechanism "Tls, BasicAuth, BasicAuthRequireTLS"
#     exim: |-
#       # acl_check_rcpt: relay decisions must not depend on $received_port; keep
#       require message = relay not permitted
#               domains = +local_domains : +relay_to_domains
#       update-exim4.conf && systemctl restart exim4
#     opensmtpd: |-
#       # /etc/smtpd.conf: relay rules for tagged listeners still need auth
#       listen on egress port submission tls-require auth tag SUBMIT
#       match tag SUBMIT auth from any for any action "relay"
#       smtpd -n && systemctl restart opensmtpd
#   rollback: >-
#     Restore the configuration file saved before the change (master.cf, exim4 configuration, smtpd.conf;
#     Exchange: Set-ReceiveConnector with the previous PermissionGroups/AuthMechanism), then restart the MTA
#     (systemctl restart postfix|exim4|opensmtpd, Restart-Service MSExchangeFrontEndTransport) and re-run the evaluation.
package mta.controls.relay_006

import data.mta.lib

kinds := ["postfix", "exchange", "exim", "opensmtpd"]

open_listeners := lib.listeners_in_state("open")

closed_listeners := lib.listeners_in_state("closed")

# The listener carries its own relay-relevant settings (Postfix -o *_restrictions, mynetworks,
# smtpd_sasl_*; Exchange PermissionGroups, RemoteIPRanges, AuthMechanism; ...).
has_overrides(n) if {
	l := lib.listener(n)
	some key, _ in object.get(l, "settings", {})
	regex.match(`(?i)restrictions|mynetworks|relay|permission|remoteipranges|authmechanism|sasl|access`, key)
}

# Open listeners that carry their own overrides, or open next to a closed sibling.
weakened := [n |
	some n in open_listeners
	has_overrides(n)
] if {
	count(closed_listeners) == 0
} else := open_listeners

probe_hits := [lib.ev_probe_test(t) |
	some t in lib.probe_tests("accepted")
	not probe_main_path(t)
]

probe_main_path(t) if {
	object.get(t, "port", 25) == 25
	object.get(t, "path", "plain") == "plain"
}

listener_evidence := [e |
	some n in weakened
	some e in lib.relay_evidence(n)
]

judged := [e |
	some n in lib.relay_listener_names
	some e in lib.relay_evidence(n)
]

result := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	sprintf("listener(s) %s relay for anonymous clients from anywhere through their own settings", [concat(", ", weakened)]),
	array.concat(listener_evidence, probe_hits)
) if {
	lib.has_config
	count(weakened) > 0
} else := lib.fail(
	"the live probe relayed on a second port or TLS path",
	probe_hits
) if {
	count(probe_hits) > 0
} else := lib.error(
	"a listener cannot be judged (broken configuration or tables not supplied)",
	array.concat(lib.relay_config_evidence("broken"), lib.relay_config_evidence("uncertain"))
) if {
	lib.has_config
	count(array.concat(lib.listeners_in_state("broken"), lib.listeners_in_state("uncertain"))) > 0
} else := lib.error("no relay facts (listeners and their relay rules) were supplied", []) if {
	lib.has_config
	count(lib.relay_listener_names) == 0
} else := lib.pass(
	sprintf("%d listener(s) judged one by one; no listener's own settings open relaying", [count(lib.relay_listener_names)]),
	judged
) if {
	lib.has_config
	count(weakened) == 0
} else := lib.pass(
	"the live probe was refused on every port and TLS path it tried",
	[lib.ev_probe_test(t) | some t in lib.probe_tests("denied")]
) if {
	count(lib.probe_tests("denied")) > 0
	input.probe.relay == "closed"
} else := lib.not_applicable("neither configuration facts nor a relay probe were supplied")
