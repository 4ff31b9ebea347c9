# METADATA
# scope: package
# title: VRFY gives no user information
# description: >-
#   VRFY must not confirm mailboxes: Postfix disable_vrfy_command = yes (default no); Sendmail
#   PrivacyOptions with novrfy or goaway; Exim without acl_smtp_vrfy (since 4.87 an unset VRFY
#   ACL answers 252 without data). A live probe's VRFY root must get 252/502/550, never 250.
# custom:
#   id: MTA-INFO-002
#   severity: low
#   mta_kinds: [postfix, sendmail, exim]
#   roles: [mail_server, host]
#   source: both
#   references:
#     lynis: [MAIL-8820]
#     stig: [GEN004680 (V-4693)]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       disable_vrfy_command = yes
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn,restrictqrun')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       # main section: remove the VRFY ACL
#       # acl_smtp_vrfy = acl_check_vrfy
#       update-exim4.conf && systemctl restart exim4
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf, exim4
#     configuration), then restart the MTA (systemctl restart postfix|sendmail|exim4) and re-run the evaluation.
package mta.controls.info_002

import data.mta.lib

kinds := ["postfix", "sendmail", "exim"]

config_ok if {
	lib.kind == "postfix"
	lib.truthy(lib.setting("disable_vrfy_command").value)
}

config_ok if {
	lib.kind == "sendmail"
	some flag in lib.privacy_options
	flag in {"novrfy", "goaway"}
}

config_ok if {
	lib.kind == "exim"
	not exim_vrfy_acl
}

exim_vrfy_acl if {
	v := lib.setting("acl_smtp_vrfy").value
	is_string(v)
	trim_space(v) != ""
}

key := {"postfix": "disable_vrfy_command", "sendmail": "PrivacyOptions", "exim": "acl_smtp_vrfy"}

config_evidence := [lib.ev(key[lib.kind], s)] if {
	s := lib.setting(key[lib.kind])
} else := [lib.ev_absent(key[lib.kind])]

probe_evidence := [lib.ev_probe("vrfy", input.probe.vrfy)] if {
	is_string(input.probe.vrfy)
} else := []

result := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	"the live probe's VRFY confirmed a mailbox",
	array.concat(probe_evidence, config_evidence)
) if {
	input.probe.vrfy == "enabled"
} else := lib.fail(
	"VRFY is not disabled in the configuration",
	array.concat(config_evidence, probe_evidence)
) if {
	lib.has_config
	not config_ok
} else := lib.pass(
	"VRFY gives no user information",
	array.concat(config_evidence, probe_evidence)
) if {
	lib.has_config
} else := lib.pass(
	"the live probe's VRFY was refused",
	probe_evidence
) if {
	input.probe.vrfy == "disabled"
} else := lib.not_applicable("neither configuration facts nor a VRFY probe result were supplied")
