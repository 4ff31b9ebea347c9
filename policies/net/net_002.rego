# METADATA
# scope: package
# title: Sendmail package not installed (RHEL/OL policy)
# description: >-
#   DISA STIGs for RHEL 8/9 and Oracle Linux 8/9 require that the sendmail package is not
#   installed. An asset whose evaluated MTA is Sendmail has it installed.
# custom:
#   id: MTA-NET-002
#   severity: medium
#   mta_kinds: [sendmail]
#   roles: [mail_server, host]
#   source: config
#   references:
#     stig: [RHEL-08-040002 (V-230489), RHEL-09-215020 (V-257827), OL08-00-040002 (V-248825), OL09-00-000150 (V-271466)]
#     ssg: [package_sendmail_removed]
#     cce: [CCE-81039-0, CCE-90830-1, CCE-88826-3]
#     anssi: [R62]
#     cis_controls_v8: ["4.8"]
#   remediation:
#     sendmail: |-
#       # replace Sendmail by Postfix, then remove the package
#       dnf install -y postfix && systemctl enable --now postfix
#       dnf remove -y sendmail
#   rollback: >-
#     Reinstall the package (dnf install -y sendmail), restore /etc/mail saved before the change,
#     start the service again (systemctl enable --now sendmail) and re-run the evaluation.
package mta.controls.net_002

import data.mta.lib

# Installed package names, when the service supplies an inventory (asset.tags.packages).
inventory := input.asset.tags.packages if {
	is_array(input.asset.tags.packages)
}

inventory_evidence := {"setting": "asset.tags.packages", "value": sort([p | some p in inventory; startswith(lower(p), "sendmail")]), "file": null, "line": null}

source_evidence := [{"setting": "mta.kind", "value": "sendmail", "file": s.name, "line": null} | some s in input.mta.sources]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not Sendmail", [lib.kind])) if {
	lib.kind != "sendmail"
} else := lib.fail(
	"the package inventory lists sendmail",
	array.concat([inventory_evidence], source_evidence)
) if {
	"sendmail" in inventory
} else := lib.pass(
	"the package inventory has no sendmail package (only configuration files are left)",
	array.concat([inventory_evidence], source_evidence)
) if {
	inventory
} else := lib.fail(
	"the evaluated MTA is Sendmail, so the sendmail package is installed",
	array.concat(source_evidence, [{"setting": "mta.kind", "value": "sendmail", "file": null, "line": null}])
)
