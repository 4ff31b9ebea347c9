# METADATA
# scope: package
# title: Relay-to domain list bounded; no relay-by-MX
# description: >-
#   The domains the server relays for from anyone (Postfix relay_domains, Sendmail class R /
#   To: RELAY, Exim relay_to_domains / dc_relay_domains) must be a bounded list: no wildcard,
#   no static:ALL, no whole top-level domain. Relaying for any domain whose MX points here
#   (Sendmail FEATURE(relay_based_on_MX), Postfix permit_mx_backup without
#   permit_mx_backup_networks) is not allowed.
# custom:
#   id: MTA-RELAY-003
#   severity: high
#   mta_kinds: [postfix, sendmail, exim]
#   roles: [mail_server, host]
#   source: config
#   references:
#     cve: [CVE-1999-0512]
#     stig: [GEN004710 (V-23952)]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf: name the relayed domains, never * or static:ALL
#       relay_domains = example.org, example.net
#       # if permit_mx_backup is kept, limit it:
#       permit_mx_backup_networks = 192.0.2.0/24
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc: delete
#       dnl FEATURE(`relay_based_on_MX')dnl
#       # /etc/mail/relay-domains: one relayed domain per line, e.g.
#       example.org
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       domainlist relay_to_domains = example.org : example.net
#       # Debian: dc_relay_domains='example.org;example.net' in /etc/exim4/update-exim4.conf.conf, then
#       update-exim4.conf && systemctl restart exim4
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf and
#     relay-domains, exim4 configuration), then restart the MTA (systemctl restart postfix|sendmail|exim4)
#     and re-run the evaluation.
package mta.controls.relay_003

import data.mta.lib

kinds := ["postfix", "sendmail", "exim"]

domain_settings := {
	"postfix": ["relay_domains"],
	"sendmail": ["{R}", "R", "relay-domains", "RELAY_DOMAIN"],
	"exim": ["domainlist relay_to_domains", "relay_to_domains", "dc_relay_domains"],
}

# A domain pattern that matches far too much: a wildcard, a whole top-level domain, or
# Exim's "any domain whose MX points here".
too_wide(d) if {
	is_string(d)
	lower(d) in {"*", ".", "static:all", "*.*", "@mx_any", "@mx_primary", "@mx_secondary"}
}

too_wide(d) if {
	is_string(d)
	not lib.placeholder(d)
	not startswith(d, "unresolved:")
	not regex.match(`^[+<@!$/]`, d)
	not contains(d, "/")
	not contains(d, ":")
	not contains(d, "$")
	name := trim_prefix(trim_prefix(d, "*"), ".")
	name != ""
	not contains(name, ".")
	not lower(name) in {"localhost", "local", "localdomain"}
}

# Exim and Debian lists are colon (or <; ) separated; Postfix and Sendmail use commas/spaces.
separator := `[\s,;:]+` if {
	lib.kind == "exim"
} else := `[\s,]+`

domains_of(v) := [x |
	some part in lib.as_list(v)
	is_string(part)
	some x in regex.split(separator, trim_space(part))
	x != ""
]

wide_settings := [lib.ev(name, s) |
	some name in domain_settings[lib.kind]
	s := lib.setting(name)
	some d in domains_of(s.value)
	too_wide(d)
]

# Relay rules that permit anyone for a recipient list with a wildcard or TLD entry.
wide_rules := [lib.ev_rule(n, r) |
	some n in lib.relay_listener_names
	some r in lib.relay_rules(n)
	r.action == "permit"
	is_array(r.recipient)
	some d in r.recipient
	too_wide(d)
]

mx_feature := [{"setting": "FEATURE", "value": "relay_based_on_MX", "file": null, "line": null} |
	lib.kind == "sendmail"
	"relay_based_on_mx" in lib.features
]

restriction_lists := ["smtpd_relay_restrictions", "smtpd_recipient_restrictions"]

mx_backup := [lib.ev_listener(l, name, s) |
	lib.kind == "postfix"
	some l in input.mta.listeners
	some name in restriction_lists
	s := lib.listener_setting(l, name)
	"permit_mx_backup" in lib.lower_list(s.value)
	not mx_backup_limited
]

mx_backup_limited if {
	count(lib.as_list(lib.setting("permit_mx_backup_networks").value)) > 0
}

placeholder_domains := [lib.ev(name, s) |
	some name in domain_settings[lib.kind]
	s := lib.setting(name)
	some d in domains_of(s.value)
	lib.placeholder(d)
]

unresolved_domains := array.concat([lib.ev_unresolved(u) | some u in lib.unresolved_for(domain_settings[lib.kind])], placeholder_domains)

findings := array.concat(array.concat(wide_settings, wide_rules), array.concat(mx_feature, mx_backup))

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	not lib.kind_in(kinds)
} else := lib.fail(
	"relaying is granted for a wildcard or top-level domain, or for any domain whose MX points here",
	findings
) if {
	count(findings) > 0
} else := lib.error(
	"the relay-to domain list is read from a table, file or template value whose content was not supplied",
	unresolved_domains
) if {
	count(unresolved_domains) > 0
} else := lib.pass(
	"the relay-to domain list is bounded and no relay-by-MX is configured",
	[lib.ev(name, s) | some name in domain_settings[lib.kind]; s := lib.setting(name)]
)
