# METADATA
# scope: package
# title: STARTTLS offered on MX and submission listeners
# description: >-
#   Every SMTP listener reachable from the network offers TLS (STARTTLS, or implicit TLS on
#   465) with a certificate configured: Postfix smtpd_tls_security_level = may (port 25) or
#   encrypt (submission) with smtpd_tls_cert_file/smtpd_tls_chain_files; Exim
#   tls_advertise_hosts non-empty with tls_certificate; Sendmail server certificate options;
#   OpenSMTPD listen ... tls / tls-require / smtps; Exchange AuthMechanism including Tls.
#   A live probe must see 250-STARTTLS (or complete an implicit TLS handshake).
# custom:
#   id: MTA-TLS-001
#   severity: medium
#   mta_kinds: [postfix, sendmail, exim, exchange, opensmtpd, qmail]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cis_controls_v8: ["3.10"]
#     lynis: [MAIL-8804]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       smtpd_tls_security_level = may
#       smtpd_tls_cert_file = /etc/ssl/certs/mail.example.org.pem
#       smtpd_tls_key_file = /etc/ssl/private/mail.example.org.key
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confSERVER_CERT', `/etc/mail/tls/mail.example.org.pem')dnl
#       define(`confSERVER_KEY', `/etc/mail/tls/mail.example.org.key')dnl
#       define(`confCACERT', `/etc/ssl/certs/ca-certificates.crt')dnl
#       define(`confCACERT_PATH', `/etc/ssl/certs')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       tls_advertise_hosts = *
#       tls_certificate = /etc/exim4/mail.example.org.crt
#       tls_privatekey = /etc/exim4/mail.example.org.key
#       # Debian: MAIN_TLS_ENABLE = yes in /etc/exim4/exim4.conf.localmacros
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Default Frontend SERVER" -AuthMechanism Tls
#       Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services SMTP
#     opensmtpd: |-
#       # /etc/smtpd.conf
#       pki mail.example.org cert "/etc/ssl/mail.example.org.crt"
#       pki mail.example.org key "/etc/ssl/private/mail.example.org.key"
#       listen on egress tls pki mail.example.org
#       smtpd -n && systemctl restart opensmtpd
#     qmail: |-
#       # qmail needs a TLS patch (e.g. netqmail-tls) or a TLS wrapper in front of qmail-smtpd:
#       # /var/qmail/control/servercert.pem holding the certificate and key
#       cat mail.example.org.crt mail.example.org.key > /var/qmail/control/servercert.pem
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf, exim4
#     configuration, smtpd.conf; Exchange: Set-ReceiveConnector with the previous AuthMechanism), then
#     restart the MTA (systemctl restart postfix|sendmail|exim4|opensmtpd|qmail, Restart-Service
#     MSExchangeFrontEndTransport) and re-run the evaluation.
package mta.controls.tls_001

import data.mta.lib

without_tls := [lib.ev_listener_fact(l) |
	some l in lib.exposed_listeners
	l.tls == "none"
]

# A certificate setting is present and non-empty.
has_value(s) if {
	is_object(s)
	count(lib.as_list(s.value)) > 0
	not lib.as_list(s.value) == [""]
}

postfix_without_cert := [object.union(lib.ev_absent("smtpd_tls_cert_file"), {"listener": l.name}) |
	lib.kind == "postfix"
	some l in lib.exposed_listeners
	l.tls != "none"
	not has_value(lib.listener_setting(l, "smtpd_tls_cert_file"))
	not has_value(lib.listener_setting(l, "smtpd_tls_chain_files"))
]

exim_without_cert := [lib.ev_absent("tls_certificate") |
	lib.kind == "exim"
	count([l | some l in lib.exposed_listeners; l.tls != "none"]) > 0
	not has_value(lib.setting("tls_certificate"))
]

findings := array.concat(without_tls, array.concat(postfix_without_cert, exim_without_cert))

probe_without_tls if {
	lib.probe_connected
	input.probe.starttls == false
	not is_object(input.probe.tls)
}

probe_with_tls if input.probe.starttls == true

probe_with_tls if is_object(input.probe.tls)

probe_evidence := [lib.ev_probe("starttls", object.get(input.probe, "starttls", null))] if {
	lib.has_probe
} else := []

result := lib.fail(
	"a network listener offers no TLS (or TLS without a certificate)",
	array.concat(findings, probe_evidence)
) if {
	lib.has_config
	count(findings) > 0
} else := lib.fail(
	"the live probe saw no STARTTLS and no implicit TLS",
	probe_evidence
) if {
	probe_without_tls
} else := lib.pass(
	"every network listener offers TLS",
	array.concat([lib.ev_listener_fact(l) | some l in lib.exposed_listeners], probe_evidence)
) if {
	lib.has_config
	count(lib.exposed_listeners) > 0
} else := lib.pass(
	"the live probe negotiated TLS",
	probe_evidence
) if {
	probe_with_tls
} else := lib.not_applicable("no listener is reachable from the network and no probe was supplied")
