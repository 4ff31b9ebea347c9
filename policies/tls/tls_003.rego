# METADATA
# scope: package
# title: Submission (587/465) requires TLS
# description: >-
#   Mail submission listeners (port 587 and 465, Postfix submission/submissions/smtps services)
#   require TLS before MAIL: Postfix -o smtpd_tls_security_level=encrypt (or wrappermode on
#   465), OpenSMTPD tls-require or smtps, Exim tls_on_connect_ports for 465, Exchange client
#   connectors with RequireTLS (or authenticated-only with BasicAuthRequireTLS). A live probe that could send MAIL in plaintext on 587 fails.
# custom:
#   id: MTA-TLS-003
#   severity: medium
#   mta_kinds: [postfix, opensmtpd, exim, exchange]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cis_controls_v8: ["3.10"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/master.cf
#       submission inet n       -       y       -       -       smtpd
#         -o syslog_name=postfix/submission
#         -o smtpd_tls_security_level=encrypt
#         -o smtpd_sasl_auth_enable=yes
#       postfix reload
#     opensmtpd: |-
#       # /etc/smtpd.conf
#       listen on egress port submission tls-require auth
#       listen on egress port 465 smtps auth
#       smtpd -n && systemctl restart opensmtpd
#     exim: |-
#       tls_on_connect_ports = 465
#       # acl_check_mail for port 587:
#       deny condition = ${if and {{eq{$received_port}{587}}{!def:tls_in_cipher}}}
#            message   = STARTTLS required
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Client Frontend SERVER" -RequireTLS $true
#   rollback: >-
#     Restore the configuration file saved before the change (master.cf, smtpd.conf, exim4 configuration;
#     Exchange: Set-ReceiveConnector -RequireTLS with the previous value), then restart the MTA
#     (systemctl restart postfix|opensmtpd|exim4, Restart-Service MSExchangeFrontEndTransport) and re-run the evaluation.
package mta.controls.tls_003

import data.mta.lib

kinds := ["postfix", "opensmtpd", "exim", "exchange"]

submission_names := {"submission", "submissions", "smtps", "465", "587"}

submission(l) if l.port in {465, 587}

submission(l) if lower(l.name) in submission_names

submission_listeners := [l |
	some l in lib.exposed_listeners
	submission(l)
]

requires_tls(l) if l.tls in {"required", "implicit"}

requires_tls(l) if {
	lib.kind == "exchange"
	lib.truthy(l.settings.RequireTLS.value)
}

requires_tls(l) if {
	lib.kind == "postfix"
	lib.listener_setting(l, "smtpd_tls_security_level").value == "encrypt"
}

# Exchange: a connector without AnonymousUsers answers MAIL with 530 until the client
# authenticates, and BasicAuthRequireTLS (or no BasicAuth) keeps authentication inside TLS.
requires_tls(l) if {
	lib.kind == "exchange"
	groups := lib.exchange_flags(l.settings.PermissionGroups.value, lib.exchange_permission_bits)
	not "anonymoususers" in groups
	mechs := lib.exchange_flags(l.settings.AuthMechanism.value, lib.exchange_auth_bits)
	not exchange_cleartext_basic(mechs)
}

exchange_cleartext_basic(mechs) if {
	"basicauth" in mechs
	not "basicauthrequiretls" in mechs
}

# OpenSMTPD: `auth` makes AUTH mandatory, and OpenSMTPD offers AUTH only inside TLS.
requires_tls(l) if {
	lib.kind == "opensmtpd"
	l.auth_required == true
	l.tls != "none"
}

requires_tls(l) if {
	lib.kind == "postfix"
	lib.truthy(lib.listener_setting(l, "smtpd_tls_wrappermode").value)
}

plaintext := [lib.ev_listener_fact(l) |
	some l in submission_listeners
	not requires_tls(l)
]

probe_hits := [lib.ev_probe_test(t) |
	some t in input.probe.tests
	t.port == 587
	t.path == "plain"
	not startswith(t.replies[0], "530")
	startswith(t.replies[0], "2")
]

result := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	"a submission listener accepts mail without TLS",
	array.concat(plaintext, probe_hits)
) if {
	count(array.concat(plaintext, probe_hits)) > 0
} else := lib.pass(
	"every submission listener requires TLS",
	[lib.ev_listener_fact(l) | some l in submission_listeners]
) if {
	count(submission_listeners) > 0
} else := lib.not_applicable("no submission listener (587/465) is reachable from the network")
