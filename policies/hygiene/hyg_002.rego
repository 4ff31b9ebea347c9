# METADATA
# scope: package
# title: Message size limited
# description: >-
#   A finite message size limit is in force: Postfix message_size_limit (default 10240000) not
#   0; Exim message_size_limit (default 50M) not 0; Sendmail MaxMessageSize set (unset means
#   unlimited); qmail control/databytes not 0 (default 0 = unlimited); Exchange MaxMessageSize
#   not Unlimited on each connector; OpenSMTPD max-message-size not 0. A live probe sees
#   EHLO SIZE with a finite value.
# custom:
#   id: MTA-HYG-002
#   severity: low
#   mta_kinds: [postfix, sendmail, exim, exchange, opensmtpd, qmail]
#   roles: [mail_server, host]
#   source: both
#   references:
#     stig: ["Exchange: Message size restrictions must be controlled on Receive connectors"]
#     ssg: [postfix_server_dos]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       message_size_limit = 10485760
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confMAX_MESSAGE_SIZE', `10485760')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       message_size_limit = 10M
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Default Frontend SERVER" -MaxMessageSize 25MB
#     opensmtpd: |-
#       # /etc/smtpd.conf
#       smtp max-message-size 10M
#       smtpd -n && systemctl restart opensmtpd
#     qmail: |-
#       echo 10485760 > /var/qmail/control/databytes
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf, exim4
#     configuration, smtpd.conf, control/databytes; Exchange: Set-ReceiveConnector -MaxMessageSize with
#     the previous value), then restart the MTA and re-run the evaluation.
package mta.controls.hyg_002

import data.mta.lib

key := {
	"postfix": "message_size_limit",
	"sendmail": "MaxMessageSize",
	"exim": "message_size_limit",
	"opensmtpd": "max-message-size",
	"qmail": "databytes",
}

# The size in force when the setting is absent ("0" = unlimited).
builtin := {
	"postfix": "10240000",
	"sendmail": "0",
	"exim": "50M",
	"opensmtpd": "35M",
	"qmail": "0",
}

global_setting := s if {
	s := lib.setting(key[lib.kind])
} else := {"value": builtin[lib.kind], "source": {"file": null, "line": null}, "default": true}

config_findings := [lib.ev(key[lib.kind], global_setting) |
	not lib.finite_limit(global_setting.value)
]

config_evidence := [lib.ev(key[lib.kind], global_setting)]

# Exchange: every connector; absent means the default (36 MB).
exchange_findings := [lib.ev_listener(l, "MaxMessageSize", l.settings.MaxMessageSize) |
	some l in input.mta.listeners
	l.settings.MaxMessageSize
	not lib.finite_limit(l.settings.MaxMessageSize.value)
]

exchange_evidence := [lib.ev_listener(l, "MaxMessageSize", object.get(l.settings, "MaxMessageSize", {"value": "36 MB", "source": {}, "default": true})) |
	some l in input.mta.listeners
]

findings := exchange_findings if {
	lib.kind == "exchange"
} else := config_findings

checked := exchange_evidence if {
	lib.kind == "exchange"
} else := config_evidence

# EHLO "SIZE n" (n > 0) or the probe's parsed size.
probe_size := input.probe.size if {
	is_number(input.probe.size)
} else := to_number(trim_prefix(c, "SIZE ")) if {
	some c in input.probe.capabilities
	regex.match(`^SIZE [0-9]+$`, c)
}

probe_unlimited if {
	lib.has_probe
	some c in input.probe.capabilities
	regex.match(`^SIZE( 0)?$`, c)
}

probe_unlimited if probe_size == 0

probe_evidence := [lib.ev_probe("size", probe_size)] if {
	probe_size
} else := [lib.ev_probe("size", null)] if {
	probe_unlimited
} else := []

result := lib.fail(
	"no finite message size limit is in force",
	array.concat(findings, probe_evidence)
) if {
	lib.has_config
	count(findings) > 0
} else := lib.fail(
	"the live probe's EHLO advertises no finite SIZE",
	probe_evidence
) if {
	probe_unlimited
} else := lib.pass(
	"a finite message size limit is in force",
	array.concat(checked, probe_evidence)
) if {
	lib.has_config
} else := lib.pass(
	"the live probe's EHLO advertises a finite SIZE",
	probe_evidence
) if {
	probe_size > 0
} else := lib.not_applicable("neither configuration facts nor a probe were supplied")
