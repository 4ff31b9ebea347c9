# METADATA
# scope: package
# title: Configuration parses cleanly, no duplicate keys
# description: >-
#   The configuration reads without warnings: postconf reports none (a duplicate parameter gives
#   "overriding earlier entry"; the later one wins, which hides the earlier intent). Every
#   collector warning or error about the supplied files is a finding.
# custom:
#   id: MTA-HYG-006
#   severity: info
#   mta_kinds: [postfix]
#   roles: [mail_server, host]
#   source: config
#   references:
#     lynis: [MAIL-8817]
#   remediation:
#     postfix: |-
#       # list the warnings, then delete the duplicate or unknown lines they name in main.cf/master.cf
#       postconf -n >/dev/null
#       postfix check
#       postfix reload
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf/master.cf), then restart Postfix
#     (systemctl restart postfix) and re-run the evaluation.
package mta.controls.hyg_006

import data.mta.lib

# Collector notes about the input itself (a file not supplied, a value known only at run
# time) are not configuration warnings.
input_note(d) if {
	d.severity == "warning"
	regex.match(`(?i)not supplied|assuming|not known to the collector|decides at run time`, d.message)
}

input_note(d) if {
	d.severity == "warning"
	d.file == null
}

findings := [{"setting": object.get(d, "construct", "diagnostic"), "value": d.message, "file": d.file, "line": d.line, "severity": d.severity} |
	some d in input.mta.diagnostics
	not input_note(d)
]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered (Postfix only)", [lib.kind])) if {
	lib.kind != "postfix"
} else := lib.fail(sprintf("%d warning(s) while reading the configuration", [count(findings)]), findings) if {
	count(findings) > 0
} else := lib.pass(
	"the configuration reads without warnings",
	[{"setting": "sources", "value": s.name, "file": s.name, "line": null} | some s in input.mta.sources]
)
