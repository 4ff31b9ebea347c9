# METADATA
# scope: package
# title: Sender-specified routing and address-hack relay loopholes closed
# description: >-
#   Source routes (@host:user@domain), percent hacks (user%domain@host), bang paths
#   (domain!user) and quoted local parts must not let an untrusted client relay. Postfix keeps
#   allow_untrusted_routing = no, Sendmail does not use FEATURE(loose_relay_check), Exim does
#   not enable the percent hack for every domain. A live probe's nmap-style variants
#   (R10-R21) must all be refused.
# custom:
#   id: MTA-RELAY-004
#   severity: high
#   mta_kinds: [postfix, sendmail, exim]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cve: [CVE-1999-0512]
#     nmap: [smtp-open-relay]
#     tenable: ["11852"]
#     stig: [GEN004710 (V-23952)]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       allow_untrusted_routing = no
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc: delete
#       dnl FEATURE(`loose_relay_check')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       # main section: no percent hack for foreign domains
#       percent_hack_domains =
#       # acl_check_rcpt, before the relay accept statements:
#       deny    domains       = !+local_domains
#               local_parts   = ^[./|] : ^.*[@%!`#&?] : ^.*/\\.\\./
#       update-exim4.conf && systemctl restart exim4
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf,
#     exim4 configuration), then restart the MTA (systemctl restart postfix|sendmail|exim4) and re-run
#     the evaluation.
package mta.controls.relay_004

import data.mta.lib

kinds := ["postfix", "sendmail", "exim"]

routing_tests := {"R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R18", "R19", "R20", "R21"}

probe_hits := [lib.ev_probe_test(t) |
	some t in lib.probe_tests("accepted")
	t.id in routing_tests
]

probe_tried := [lib.ev_probe_test(t) |
	some t in input.probe.tests
	t.id in routing_tests
]

probe_denied := [lib.ev_probe_test(t) |
	some t in lib.probe_tests("denied")
	t.id in routing_tests
]

config_findings := [lib.ev("allow_untrusted_routing", s) |
	lib.kind == "postfix"
	s := lib.setting("allow_untrusted_routing")
	lib.truthy(s.value)
]

config_findings_sendmail := [{"setting": "FEATURE", "value": "loose_relay_check", "file": null, "line": null} |
	lib.kind == "sendmail"
	"loose_relay_check" in lib.features
]

config_findings_exim := [lib.ev("percent_hack_domains", s) |
	lib.kind == "exim"
	s := lib.setting("percent_hack_domains")
	some d in lib.as_list(s.value)
	is_string(d)
	contains(d, "*")
]

findings := array.concat(array.concat(config_findings, config_findings_sendmail), config_findings_exim)

config_evidence := [lib.ev("allow_untrusted_routing", s)] if {
	lib.kind == "postfix"
	s := lib.setting("allow_untrusted_routing")
} else := [lib.ev_absent("allow_untrusted_routing")] if {
	lib.kind == "postfix"
} else := [{"setting": "FEATURE", "value": sort([x | some x in lib.features]), "file": null, "line": null}] if {
	lib.kind == "sendmail"
} else := [lib.ev("percent_hack_domains", s)] if {
	lib.kind == "exim"
	s := lib.setting("percent_hack_domains")
} else := [lib.ev_absent("percent_hack_domains")]

result := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	"the live probe relayed with a routing or address-hack variant",
	array.concat(probe_hits, findings)
) if {
	count(probe_hits) > 0
} else := lib.fail(
	"a setting re-opens sender-specified routing or address-hack relaying",
	findings
) if {
	count(findings) > 0
} else := lib.pass(
	"routing and address-hack relay loopholes are closed",
	array.concat(config_evidence, probe_tried)
) if {
	lib.has_config
} else := lib.pass(
	"the live probe's routing and address-hack variants were all refused",
	probe_tried
) if {
	count(probe_denied) > 0
	count(probe_denied) == count(probe_tried)
} else := lib.error(
	"the live probe's routing and address-hack variants were inconclusive and no configuration facts were supplied",
	probe_tried
) if {
	count(probe_tried) > 0
} else := lib.not_applicable("neither configuration facts nor probe routing tests were supplied")
