# METADATA
# scope: package
# title: No relay granted on a forgeable sender address or a blanket feature
# description: >-
#   Relaying must never depend on what the client claims as envelope sender, nor be switched
#   on wholesale: Sendmail FEATURE(promiscuous_relay), relay_local_from and relay_mail_from,
#   OpenSMTPD `match from mail-from ...` rules that reach a relay action, Exim
#   `accept senders = ...` ahead of the relay check. A live probe sending as postmaster of
#   the target or of its own domain (R03, R08, R24) must be refused.
# custom:
#   id: MTA-RELAY-005
#   severity: critical
#   mta_kinds: [sendmail, opensmtpd, exim]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cve: [CVE-1999-0512]
#     tenable: ["10262", "11852"]
#     nmap: [smtp-open-relay]
#     stig: [GEN004710 (V-23952)]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc: delete these lines
#       dnl FEATURE(`promiscuous_relay')dnl
#       dnl FEATURE(`relay_local_from')dnl
#       dnl FEATURE(`relay_mail_from')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     opensmtpd: |-
#       # /etc/smtpd.conf: replace sender-based relay rules by authenticated ones
#       # remove: match mail-from <senders> for any action "relay"
#       match auth from any for any action "relay"
#       smtpd -n && systemctl restart opensmtpd
#     exim: |-
#       # acl_check_rcpt: remove "accept senders = ..." ahead of
#       require message = relay not permitted
#               domains = +local_domains : +relay_to_domains
#       update-exim4.conf && systemctl restart exim4
#   rollback: >-
#     Restore the configuration file saved before the change (sendmail.mc/sendmail.cf, smtpd.conf,
#     exim4 configuration), then restart the MTA (systemctl restart sendmail|opensmtpd|exim4) and re-run
#     the evaluation.
package mta.controls.relay_005

import data.mta.lib

kinds := ["sendmail", "opensmtpd", "exim"]

blanket_features := {"promiscuous_relay", "relay_local_from", "relay_mail_from"}

sender_tests := {"R03", "R08", "R24"}

feature_findings := [{"setting": "FEATURE", "value": x, "file": null, "line": null} |
	lib.kind == "sendmail"
	some x in lib.features
	x in blanket_features
]

# A permit reachable by an unauthenticated client for an external recipient whose condition
# the client controls (sender address / HELO).
forgeable_rules := [lib.ev_rule(n, r) |
	some n in lib.relay_listener_names
	not lib.listener_is_local(n)
	some r in lib.relay_rules(n)
	r.action == "permit"
	r.attacker_controlled == true
	sender_condition(r)
	lib.rule_anonymous(r)
	lib.recipient_maybe_external(r)
	not lib.except_excludes_external(r)
]

# The condition is about the envelope sender (not the HELO name or the recipient's local part).
sender_condition(r) if regex.match(`(?i)sender|mail.?from|^from\b`, r.condition)

probe_hits := [lib.ev_probe_test(t) |
	some t in lib.probe_tests("accepted")
	t.id in sender_tests
]

probe_denied := [lib.ev_probe_test(t) |
	some t in lib.probe_tests("denied")
	t.id in sender_tests
]

findings := array.concat(feature_findings, forgeable_rules)

result := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	"the live probe relayed with a forged local sender",
	array.concat(probe_hits, findings)
) if {
	count(probe_hits) > 0
} else := lib.fail(
	"relaying is granted on the envelope sender or by a blanket relay feature",
	findings
) if {
	count(findings) > 0
} else := lib.error(
	"no relay facts (listeners and their relay rules) were supplied",
	[]
) if {
	lib.has_config
	count(lib.relay_listener_names) == 0
} else := lib.pass(
	"no relay rule or feature trusts the envelope sender",
	array.concat([{"setting": "FEATURE", "value": sort([x | some x in lib.features]), "file": null, "line": null}], probe_denied)
) if {
	lib.has_config
} else := lib.pass(
	"the live probe's forged-sender variants were refused",
	probe_denied
) if {
	count(probe_denied) > 0
} else := lib.not_applicable("neither configuration facts nor probe sender tests were supplied")
