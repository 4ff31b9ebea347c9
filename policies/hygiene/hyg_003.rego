# METADATA
# scope: package
# title: Connection and recipient rate limits set
# description: >-
#   Limits bound what one client can do: Postfix smtpd_client_connection_count_limit and
#   smtpd_recipient_limit finite and smtpd_client_connection_rate_limit set above 0 (the
#   default 0 means no rate limit); Exchange MaxRecipientsPerMessage finite on every connector
#   (STIG value 5000 or less).
# custom:
#   id: MTA-HYG-003
#   severity: info
#   mta_kinds: [postfix, exchange]
#   roles: [mail_server, host]
#   source: config
#   references:
#     ssg: [postfix_server_dos]
#     stig: [EX16-MB-000360 (V-228383)]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf (SSG example values)
#       smtpd_client_connection_count_limit = 10
#       smtpd_client_connection_rate_limit = 30
#       smtpd_recipient_limit = 100
#       postfix reload
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Default Frontend SERVER" -MaxRecipientsPerMessage 5000
#   rollback: >-
#     Restore /etc/postfix/main.cf saved before the change and restart Postfix (systemctl restart postfix);
#     Exchange: Set-ReceiveConnector -MaxRecipientsPerMessage with the previous value. Re-run the evaluation.
package mta.controls.hyg_003

import data.mta.lib

postfix_limits := {
	"smtpd_client_connection_count_limit": "50",
	"smtpd_client_connection_rate_limit": "0",
	"smtpd_recipient_limit": "1000",
}

postfix_values := [[name, s] |
	some name, builtin in postfix_limits
	s := effective(name, builtin)
]

effective(name, builtin) := s if {
	s := lib.setting(name)
} else := {"value": builtin, "source": {"file": null, "line": null}, "default": true}

postfix_findings := [lib.ev(pair[0], pair[1]) |
	some pair in postfix_values
	not lib.finite_limit(pair[1].value)
]

# Exchange default MaxRecipientsPerMessage is 200.
exchange_value(l) := l.settings.MaxRecipientsPerMessage if {
	l.settings.MaxRecipientsPerMessage
} else := {"value": 200, "source": {}, "default": true}

exchange_findings := [lib.ev_listener(l, "MaxRecipientsPerMessage", exchange_value(l)) |
	some l in input.mta.listeners
	not exchange_ok(exchange_value(l).value)
]

exchange_ok(v) if {
	lib.finite_limit(v)
	to_number(regex.replace(sprintf("%v", [v]), `[^0-9]`, "")) <= 5000
}

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	not lib.kind_in(["postfix", "exchange"])
} else := lib.fail("a connection or recipient limit is unset or unlimited", postfix_findings) if {
	lib.kind == "postfix"
	count(postfix_findings) > 0
} else := lib.pass("connection count, connection rate and recipient limits are set", [lib.ev(p[0], p[1]) | some p in postfix_values]) if {
	lib.kind == "postfix"
} else := lib.fail("a receive connector has no finite MaxRecipientsPerMessage of 5000 or less", exchange_findings) if {
	count(exchange_findings) > 0
} else := lib.error("no receive connectors were supplied", []) if {
	count(input.mta.listeners) == 0
} else := lib.pass(
	"every receive connector limits recipients per message",
	[lib.ev_listener(l, "MaxRecipientsPerMessage", exchange_value(l)) | some l in input.mta.listeners]
)
