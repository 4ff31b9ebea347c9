# METADATA
# scope: package
# title: HELO/EHLO required before MAIL
# description: >-
#   Clients must greet before MAIL FROM: Postfix smtpd_helo_required = yes (default no);
#   Sendmail PrivacyOptions with needmailhelo or goaway.
# custom:
#   id: MTA-HYG-001
#   severity: low
#   mta_kinds: [postfix, sendmail]
#   roles: [mail_server, host]
#   source: config
#   references:
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       smtpd_helo_required = yes
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confPRIVACY_FLAGS', `authwarnings,needmailhelo,novrfy,noexpn')dnl
#       make -C /etc/mail && systemctl restart sendmail
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf), then
#     restart the MTA (systemctl restart postfix|sendmail) and re-run the evaluation.
package mta.controls.hyg_001

import data.mta.lib

key := {"postfix": "smtpd_helo_required", "sendmail": "PrivacyOptions"}

config_ok if {
	lib.kind == "postfix"
	lib.truthy(lib.setting("smtpd_helo_required").value)
}

config_ok if {
	lib.kind == "sendmail"
	some flag in lib.privacy_options
	flag in {"needmailhelo", "goaway"}
}

evidence := [lib.ev(key[lib.kind], s)] if {
	s := lib.setting(key[lib.kind])
} else := [lib.ev_absent(key[lib.kind])]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	not lib.kind_in(["postfix", "sendmail"])
} else := lib.pass("HELO/EHLO is required before MAIL", evidence) if {
	config_ok
} else := lib.fail("clients may send MAIL without HELO/EHLO", evidence)
