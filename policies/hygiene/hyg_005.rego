# METADATA
# scope: package
# title: root and postmaster mail aliased to a monitored mailbox
# description: >-
#   Mail for root and postmaster reaches a person: the aliases file maps root to a monitored
#   address and has postmaster (to root or a mailbox). Read from the supplied aliases file
#   (settings alias:root / alias:postmaster, from Postfix alias_maps or Sendmail AliasFile);
#   when it was not supplied, the control cannot be judged; an empty alias_maps fails.
# custom:
#   id: MTA-HYG-005
#   severity: low
#   mta_kinds: [postfix, sendmail]
#   roles: [mail_server, host]
#   source: config
#   references:
#     ssg: [postfix_client_configure_mail_alias, postfix_client_configure_mail_alias_postmaster]
#     stig: [RHEL-08-030030, RHEL-09-252060 (V-257953), RHEL-09-653125 (V-258174), RHEL-10-200691, RHEL-10-700670, OL09-00-000815, OL09-00-002405, SLEM-05-653075]
#     anssi: [R75]
#     cis_controls_v8: ["8.11"]
#   remediation:
#     postfix: |-
#       # /etc/aliases
#       postmaster: root
#       root: security-team@example.org
#       newaliases
#     sendmail: |-
#       # /etc/mail/aliases (the file define(`ALIAS_FILE') / O AliasFile names)
#       postmaster: root
#       root: security-team@example.org
#       newaliases
#   rollback: >-
#     Restore /etc/aliases saved before the change, run newaliases and re-run the evaluation.
package mta.controls.hyg_005

import data.mta.lib

aliases_supplied if {
	some s in input.mta.sources
	object.get(s, "role", "") == "aliases"
}

aliases_supplied if lib.setting("alias:root")

aliases_supplied if lib.setting("alias:postmaster")

# `alias_maps =` turns alias lookups off: nothing redirects root's mail.
aliases_disabled if {
	s := lib.setting("alias_maps")
	is_string(s.value)
	trim_space(s.value) == ""
}

has_alias(name) if {
	s := lib.setting(sprintf("alias:%s", [name]))
	count([x | some x in lib.as_list(s.value); is_string(x); trim_space(x) != ""]) > 0
}

evidence := [lib.ev(k, s) |
	some k in ["alias:root", "alias:postmaster"]
	s := lib.setting(k)
]

missing := [name |
	some name in ["root", "postmaster"]
	not has_alias(name)
]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered (Postfix and Sendmail)", [lib.kind])) if {
	not lib.kind_in(["postfix", "sendmail"])
} else := lib.fail(
	"alias_maps is empty: no aliases are looked up, so mail for root and postmaster reaches no monitored mailbox",
	[lib.ev("alias_maps", lib.setting("alias_maps"))]
) if {
	aliases_disabled
} else := lib.error(
	"the aliases file (Postfix alias_maps, Sendmail AliasFile) was not supplied",
	array.concat(
		[lib.ev_unresolved(u) | some u in lib.unresolved_for(["alias_maps", "alias_database", "AliasFile"])],
		[lib.ev_absent("alias:root")]
	)
) if {
	not aliases_supplied
} else := lib.fail(
	sprintf("no alias for %v in the aliases file", [missing]),
	array.concat(evidence, [lib.ev_absent(sprintf("alias:%s", [m])) | some m in missing])
) if {
	count(missing) > 0
} else := lib.pass("root and postmaster are aliased", evidence)
