# METADATA
# scope: package
# title: Trusted-client set is narrow
# description: >-
#   The clients allowed to relay by address alone (Postfix mynetworks, Sendmail Connect:/class R
#   RELAY entries, Exim relay_from_hosts, Exchange relay-connector RemoteIPRanges, OpenSMTPD
#   `from src`, qmail RELAYCLIENT rules) must be a narrow, known set: never every address
#   (0.0.0.0/0, ::/0, *, 0.0.0.0/1 + 128.0.0.0/1), never a large block of public space
#   (wider than a /16 of IPv4, e.g. 172.0.0.0/8), never Postfix mynetworks_style = class.
#   A trusted set read from a table whose content was not supplied cannot be judged (error).
# custom:
#   id: MTA-RELAY-002
#   severity: high
#   mta_kinds: [postfix, sendmail, exim, exchange, opensmtpd, qmail]
#   roles: [mail_server, host]
#   source: config
#   references:
#     cve: [CVE-1999-0512]
#     stig: [GEN004710 (V-23952)]
#     ssg: [postfix_server_relay_set_trusted]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf: list only the networks you administer
#       mynetworks = 127.0.0.0/8 [::1]/128 192.0.2.0/24
#       mynetworks_style = host
#       postfix reload
#     sendmail: |-
#       # /etc/mail/access: RELAY only for your own networks (prefixes match by leading octets)
#       Connect:127.0.0.1       RELAY
#       Connect:192.0.2         RELAY
#       makemap hash /etc/mail/access < /etc/mail/access && systemctl restart sendmail
#     exim: |-
#       hostlist relay_from_hosts = <; 127.0.0.1 ; ::1 ; 192.0.2.0/24
#       # Debian: dc_relay_nets='192.0.2.0/24' in /etc/exim4/update-exim4.conf.conf, then
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Relay Connector" -RemoteIPRanges 192.0.2.10,192.0.2.11
#     opensmtpd: |-
#       # /etc/smtpd.conf
#       table trusted { 127.0.0.1, 192.0.2.0/24 }
#       match from src <trusted> for any action "relay"
#       smtpd -n && systemctl restart opensmtpd
#     qmail: |-
#       # /etc/tcp.smtp
#       127.:allow,RELAYCLIENT=""
#       192.0.2.:allow,RELAYCLIENT=""
#       :allow
#       tcprules /etc/tcp.smtp.cdb /etc/tcp.smtp.tmp < /etc/tcp.smtp
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, access, exim4 configuration,
#     smtpd.conf, tcp.smtp; Exchange: Set-ReceiveConnector with the previous RemoteIPRanges), then restart
#     the MTA (systemctl restart postfix|sendmail|exim4|opensmtpd; rebuild tcp.smtp.cdb) and re-run the evaluation.
package mta.controls.relay_002

import data.mta.lib

kinds := ["postfix", "sendmail", "exim", "exchange", "opensmtpd", "qmail"]

# Permit rules that trust clients by address (not by authentication), on reachable listeners.
trusted_rules := [{"listener": n, "rule": r} |
	some n in lib.relay_listener_names
	not lib.listener_is_local(n)
	some r in lib.relay_rules(n)
	r.action == "permit"
	lib.rule_anonymous(r)
	is_array(r.client)
	lib.recipient_maybe_external(r)
	not lib.has_condition(r)
]

single_label(c) if {
	is_string(c)
	not lib.placeholder(c)
	not lib.is_cidr(c)
	not symbolic(c)
	name := trim_prefix(c, ".")
	not contains(name, ".")
	not lower(name) in {"localhost", "local"}
}

# Symbolic entries (style:host, local:own addresses, domain:$m, unresolved:<ref>) name a set the
# collector could not spell out as addresses.
symbolic(c) if regex.match(`^[a-z_]+:`, c)

too_wide(r) if lib.covers_everything(r.client)

too_wide(r) if r.client_scope == "all"

too_wide(r) if {
	is_array(r.client)
	some c in r.client
	lib.wide_public(c)
}

too_wide(r) if {
	is_array(r.client)
	"style:class" in r.client
}

too_wide(r) if {
	is_array(r.client)
	some c in r.client
	c in lib.wildcard_clients
}

too_wide(r) if {
	is_array(r.client)
	some c in r.client
	single_label(c)
}

unknown(r) if {
	is_array(r.client)
	some c in r.client
	is_string(c)
	startswith(c, "unresolved:")
}

unknown(r) if {
	is_array(r.client)
	some c in r.client
	lib.placeholder(c)
}

wide := [lib.ev_rule(t.listener, t.rule) | some t in trusted_rules; too_wide(t.rule)]

unknown_sets := [lib.ev_rule(t.listener, t.rule) | some t in trusted_rules; not too_wide(t.rule); unknown(t.rule)]

# Postfix: without an explicit mynetworks the style decides (class = whole A/B/C networks).
postfix_class_style if {
	lib.kind == "postfix"
	not lib.explicit(lib.setting("mynetworks"))
	lower(lib.setting("mynetworks_style").value) == "class"
}

unresolved_trust := [lib.ev_unresolved(u) | some u in lib.unresolved_for(["mynetworks", "hostlist relay_from_hosts", "relay_from_hosts", "dc_relay_nets", "RemoteIPRanges", "Connect:", "access", "tcp.smtp"])]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	not lib.kind_in(kinds)
} else := lib.error("no relay facts (listeners and their relay rules) were supplied", []) if {
	count(lib.relay_listener_names) == 0
} else := lib.fail(
	"clients are trusted for relaying by an address set that covers every address or a large block of public space",
	wide
) if {
	count(wide) > 0
} else := lib.fail(
	"mynetworks_style = class trusts whole class A/B/C networks",
	[lib.ev("mynetworks_style", lib.setting("mynetworks_style"))]
) if {
	postfix_class_style
} else := lib.error(
	"the trusted-client set is read from a table, file or variable whose content was not supplied",
	array.concat(unknown_sets, unresolved_trust)
) if {
	count(unknown_sets) > 0
} else := lib.pass(
	sprintf("%d address-trusted relay rule(s), all narrow", [count(trusted_rules)]),
	[lib.ev_rule(t.listener, t.rule) | some t in trusted_rules]
)
