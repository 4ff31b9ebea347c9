# METADATA
# scope: package
# title: STIG client restriction on hosts that are not mail servers
# description: >-
#   On a host that is not a mail server, Postfix must refuse every client outside mynetworks:
#   smtpd_client_restrictions = permit_mynetworks,reject (only those two entries unless
#   documented with the ISSO). This blocks inbound mail to local domains too, so it is a
#   "not a mail server" posture and does not apply to mail servers.
# custom:
#   id: MTA-RELAY-008
#   severity: medium
#   mta_kinds: [postfix]
#   roles: [host]
#   source: config
#   references:
#     stig: [RHEL-07-040680 (V-72297), RHEL-08-040290 (V-230550), RHEL-09-252050 (V-257951), RHEL-10-200692 (V-280999), OL07-00-040680 (V-221883), OL08-00-040290 (V-248895), OL09-00-002425 (V-271763), GEN004710 (V-23952)]
#     ssg: [postfix_prevent_unrestricted_relay]
#     cce: [CCE-84054-6, CCE-87232-5, CCE-87792-8]
#     cis_controls_v8: ["4.8"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       smtpd_client_restrictions = permit_mynetworks,reject
#       postfix reload
#   rollback: >-
#     Restore /etc/postfix/main.cf saved before the change (or: postconf -e 'smtpd_client_restrictions =
#     <previous value>'), then restart Postfix (systemctl restart postfix) and re-run the evaluation.
package mta.controls.relay_008

import data.mta.lib

required := ["permit_mynetworks", "reject"]

current := lib.setting("smtpd_client_restrictions")

evidence := [lib.ev("smtpd_client_restrictions", current)] if {
	current
} else := [lib.ev_absent("smtpd_client_restrictions")]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered (Postfix only)", [lib.kind])) if {
	lib.kind != "postfix"
} else := lib.not_applicable("the asset is a mail server; the STIG client restriction is for hosts that are not") if {
	lib.role != "host"
} else := lib.pass(
	"smtpd_client_restrictions = permit_mynetworks, reject",
	evidence
) if {
	lib.lower_list(current.value) == required
} else := lib.fail(
	"smtpd_client_restrictions is not exactly permit_mynetworks, reject",
	evidence
)
