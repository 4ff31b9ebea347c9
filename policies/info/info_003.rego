# METADATA
# scope: package
# title: EXPN disabled
# description: >-
#   EXPN must not expand aliases or lists: Sendmail PrivacyOptions with noexpn or goaway; Exim
#   without acl_smtp_expn (unset means EXPN is rejected). Postfix has no EXPN command. A live
#   probe's EXPN postmaster must get 5xx or 252.
# custom:
#   id: MTA-INFO-003
#   severity: low
#   mta_kinds: [sendmail, exim]
#   roles: [mail_server, host]
#   source: both
#   references:
#     stig: [GEN004660 (V-4692)]
#   remediation:
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn,restrictqrun')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       # main section: remove the EXPN ACL
#       # acl_smtp_expn = acl_check_expn
#       update-exim4.conf && systemctl restart exim4
#   rollback: >-
#     Restore the configuration file saved before the change (sendmail.mc/sendmail.cf, exim4
#     configuration), then restart the MTA (systemctl restart sendmail|exim4) and re-run the evaluation.
package mta.controls.info_003

import data.mta.lib

kinds := ["sendmail", "exim"]

config_ok if {
	lib.kind == "sendmail"
	some flag in lib.privacy_options
	flag in {"noexpn", "goaway"}
}

config_ok if {
	lib.kind == "exim"
	not exim_expn_acl
}

exim_expn_acl if {
	v := lib.setting("acl_smtp_expn").value
	is_string(v)
	trim_space(v) != ""
}

key := {"sendmail": "PrivacyOptions", "exim": "acl_smtp_expn"}

config_evidence := [lib.ev(key[lib.kind], s)] if {
	s := lib.setting(key[lib.kind])
} else := [lib.ev_absent(key[lib.kind])]

probe_evidence := [lib.ev_probe("expn", input.probe.expn)] if {
	is_string(input.probe.expn)
} else := []

result := lib.not_applicable(sprintf("MTA kind %v is not covered (Postfix has no EXPN)", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	"the live probe's EXPN expanded an address",
	array.concat(probe_evidence, config_evidence)
) if {
	input.probe.expn == "enabled"
} else := lib.fail(
	"EXPN is not disabled in the configuration",
	array.concat(config_evidence, probe_evidence)
) if {
	lib.has_config
	not config_ok
} else := lib.pass(
	"EXPN is disabled",
	array.concat(config_evidence, probe_evidence)
) if {
	lib.has_config
} else := lib.pass(
	"the live probe's EXPN was refused",
	probe_evidence
) if {
	input.probe.expn == "disabled"
} else := lib.not_applicable("neither configuration facts nor an EXPN probe result were supplied")
