# METADATA
# scope: package
# title: Postfix compatibility_level explicitly set (2 or higher)
# description: >-
#   Without compatibility_level in main.cf Postfix runs at level 0: smtpd_relay_restrictions
#   defaults to empty (relay policy only in smtpd_recipient_restrictions), mynetworks_style to
#   subnet and relay_domains to $mydestination. An explicit level of 2 or higher makes the safe
#   defaults the ones in force.
# custom:
#   id: MTA-RELAY-009
#   severity: medium
#   mta_kinds: [postfix]
#   roles: [mail_server, host]
#   source: config
#   references:
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf (after reviewing: postfix -Dv / postconf compatibility_level warnings)
#       compatibility_level = 3.6
#       postfix reload
#   rollback: >-
#     Restore /etc/postfix/main.cf saved before the change (removing or resetting compatibility_level),
#     then restart Postfix (systemctl restart postfix) and re-run the evaluation.
package mta.controls.relay_009

import data.mta.lib

level := lib.setting("compatibility_level")

# "3.6" -> 3, "2" -> 2, 3 -> 3
major(v) := to_number(split(v, ".")[0]) if {
	is_string(v)
	regex.match(`^[0-9]+(\.[0-9]+)*$`, trim_space(v))
} else := v if {
	is_number(v)
}

# Postfix before 3.0 has no compatibility_level.
pre_3 if {
	is_string(input.mta.version)
	regex.match(`^[0-9]+(\.[0-9]+)*`, input.mta.version)
	to_number(split(input.mta.version, ".")[0]) < 3
}

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered (Postfix only)", [lib.kind])) if {
	lib.kind != "postfix"
} else := lib.not_applicable(sprintf("Postfix %v predates compatibility_level (3.0)", [input.mta.version])) if {
	pre_3
} else := lib.fail(
	"compatibility_level is not set in main.cf, so Postfix runs with level 0 relay defaults",
	[lib.ev_absent("compatibility_level")]
) if {
	not lib.explicit(level)
} else := lib.error(
	"compatibility_level has a value that cannot be read as a level",
	[lib.ev("compatibility_level", level)]
) if {
	not major(level.value)
} else := lib.pass(
	sprintf("compatibility_level = %v", [level.value]),
	[lib.ev("compatibility_level", level)]
) if {
	major(level.value) >= 2
} else := lib.fail(
	sprintf("compatibility_level = %v keeps the level 0/1 relay defaults", [level.value]),
	[lib.ev("compatibility_level", level)]
)
