# METADATA
# scope: package
# title: AUTH never offered or accepted in cleartext
# description: >-
#   Where SMTP AUTH is offered, passwords only cross the wire inside TLS: Postfix
#   smtpd_tls_auth_only = yes (or smtpd_tls_security_level = encrypt on the service); Exchange
#   AuthMechanism Tls, BasicAuth, BasicAuthRequireTLS (the STIG value); Exim authenticators
#   with server_advertise_condition = ${if def:tls_in_cipher }; Sendmail AuthOptions with p;
#   OpenSMTPD only offers AUTH inside TLS. A live probe must not see AUTH PLAIN/LOGIN before
#   STARTTLS.
# custom:
#   id: MTA-TLS-002
#   severity: high
#   mta_kinds: [postfix, sendmail, exim, exchange, opensmtpd, qmail]
#   roles: [mail_server, host]
#   source: both
#   references:
#     stig: [EX19-ED-000099 (V-259595), EX16-ED-000180 (V-221219)]
#     cis_controls_v8: ["3.10"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       smtpd_tls_auth_only = yes
#       # and on the submission service in master.cf
#       -o smtpd_tls_security_level=encrypt
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confAUTH_OPTIONS', `A p y')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       # in every server authenticator (plain, login):
#       server_advertise_condition = ${if def:tls_in_cipher }
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Client Frontend SERVER" -AuthMechanism "Tls, BasicAuth, BasicAuthRequireTLS"
#     opensmtpd: |-
#       # /etc/smtpd.conf: AUTH only on TLS listeners
#       listen on egress port submission tls-require auth
#       smtpd -n && systemctl restart opensmtpd
#     qmail: |-
#       # with an AUTH patch: offer AUTH only after STARTTLS (e.g. /var/qmail/control/tlsserverciphers
#       # plus the patch's FORCETLS=1 in the qmail-smtpd run environment)
#       echo 1 > /service/qmail-smtpd/env/FORCETLS
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf/master.cf, sendmail.mc/sendmail.cf,
#     exim4 configuration, smtpd.conf; Exchange: Set-ReceiveConnector with the previous AuthMechanism),
#     then restart the MTA (systemctl restart postfix|sendmail|exim4|opensmtpd|qmail, Restart-Service
#     MSExchangeFrontEndTransport) and re-run the evaluation.
package mta.controls.tls_002

import data.mta.lib

auth_listeners := [l |
	some l in lib.exposed_listeners
	l.auth == true
]

# The listener only offers AUTH inside TLS.
protected(l) if l.tls in {"required", "implicit"}

protected(l) if {
	lib.kind == "postfix"
	lib.truthy(lib.listener_setting(l, "smtpd_tls_auth_only").value)
}

protected(l) if {
	lib.kind == "postfix"
	lib.listener_setting(l, "smtpd_tls_security_level").value == "encrypt"
}

protected(l) if {
	lib.kind == "opensmtpd"
	l.tls != "none"
}

protected(l) if {
	lib.kind == "exchange"
	not is_number(l.settings.AuthMechanism.value)
	mechs := lib.lower_list(regex.replace(concat(",", [sprintf("%v", [x]) | some x in lib.as_list(l.settings.AuthMechanism.value)]), `\s`, ""))
	not exchange_cleartext_basic(mechs)
}

protected(l) if {
	lib.kind == "exim"
	some name, s in input.mta.settings
	endswith(name, "server_advertise_condition")
	is_string(s.value)
	contains(s.value, "tls_in_cipher")
}

protected(l) if {
	lib.kind == "exim"
	s := lib.setting("auth_advertise_hosts")
	is_string(s.value)
	contains(s.value, "tls_in_cipher")
}

protected(l) if {
	lib.kind == "sendmail"
	s := lib.setting("AuthOptions")
	some flag in regex.split(`[\s,]+`, sprintf("%v", [s.value]))
	flag == "p"
}

exchange_cleartext_basic(mechs) if {
	"basicauth" in mechs
	not "basicauthrequiretls" in mechs
}

# Exchange AuthMechanism as flag number: BasicAuth = 4, BasicAuthRequireTLS = 8.
protected(l) if {
	lib.kind == "exchange"
	v := l.settings.AuthMechanism.value
	is_number(v)
	not exchange_cleartext_bits(v)
}

exchange_cleartext_bits(v) if {
	bits.and(v, 4) != 0
	bits.and(v, 8) == 0
}

cleartext := [lib.ev_listener_fact(l) |
	some l in auth_listeners
	not protected(l)
]

probe_cleartext := [lib.ev_probe("auth_before_tls", input.probe.auth_before_tls)] if {
	count(input.probe.auth_before_tls) > 0
} else := []

probe_evidence := [lib.ev_probe("auth_before_tls", object.get(input.probe, "auth_before_tls", []))] if {
	lib.has_probe
} else := []

result := lib.fail(
	"AUTH is offered without TLS",
	array.concat(cleartext, probe_cleartext)
) if {
	count(array.concat(cleartext, probe_cleartext)) > 0
} else := lib.pass(
	"AUTH is only offered inside TLS",
	array.concat([lib.ev_listener_fact(l) | some l in auth_listeners], probe_evidence)
) if {
	count(auth_listeners) > 0
} else := lib.pass(
	"the live probe saw AUTH only after STARTTLS",
	probe_evidence
) if {
	lib.has_probe
	count(object.get(input.probe, "auth_mechanisms", [])) > 0
} else := lib.not_applicable("no network listener offers SMTP AUTH")
