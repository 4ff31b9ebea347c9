# METADATA
# scope: package
# title: No open relay
# description: >-
#   An unauthenticated client outside the trusted set must not be able to relay mail to a
#   domain the server neither hosts nor relays for. Every listener (master.cf services,
#   Exchange receive connectors, OpenSMTPD listeners, Sendmail daemons, Exim daemons) is
#   judged on its normalized relay rules, the same way for every MTA kind: can a client from
#   anywhere reach a permit for a recipient anywhere before a reject? A live relay probe,
#   when present, must agree; if it relayed, the control fails whatever the configuration says.
# custom:
#   id: MTA-RELAY-001
#   severity: critical
#   mta_kinds: [postfix, sendmail, exim, exchange, opensmtpd, qmail]
#   roles: [mail_server, host]
#   source: both
#   references:
#     cve: [CVE-1999-0512, CVE-2002-1278, CVE-2003-0285]
#     tenable: ["10262", "11852"]
#     nmap: [smtp-open-relay]
#     stig: [RHEL-07-040680 (V-72297), RHEL-08-040290 (V-230550), RHEL-09-252050 (V-257951), RHEL-10-200692 (V-280999), OL07-00-040680 (V-221883), OL08-00-040290 (V-248895), OL09-00-002425 (V-271763), GEN004710 (V-23952), V-259687, V-228391, V-221245]
#     ssg: [postfix_prevent_unrestricted_relay]
#     cce: [CCE-84054-6, CCE-87232-5, CCE-87792-8]
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf: relay only for trusted networks and authenticated clients
#       compatibility_level = 3.6
#       mynetworks = 127.0.0.0/8 [::1]/128
#       smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
#       smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
#       # remove any "permit", "check_*_access static:OK" or permit_mx_backup ahead of reject_unauth_destination,
#       # and any master.cf "-o smtpd_relay_restrictions=..." override that does not end in reject
#       postfix check && postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc: delete these lines if present
#       dnl FEATURE(`promiscuous_relay')dnl
#       dnl FEATURE(`relay_local_from')dnl
#       dnl FEATURE(`relay_mail_from')dnl
#       # /etc/mail/access: RELAY only for trusted clients, e.g.
#       Connect:127.0.0.1    RELAY
#       # rebuild and restart
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       # acl_check_rcpt (Debian: /etc/exim4/conf.d/acl/30_exim4-config_check_rcpt), before any other accept:
#       accept  hosts         = +relay_from_hosts
#       accept  authenticated = *
#       require message       = relay not permitted
#               domains       = +local_domains : +relay_to_domains
#       # main section
#       hostlist   relay_from_hosts = localhost
#       domainlist relay_to_domains =
#       # Debian: dc_relay_domains='' and dc_relay_nets='' in /etc/exim4/update-exim4.conf.conf, then
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Get-ADPermission -Identity "SERVER\Connector" -User "NT AUTHORITY\ANONYMOUS LOGON" | Where-Object {$_.ExtendedRights -like "ms-Exch-SMTP-Accept-Any-Recipient"} | Remove-ADPermission -Confirm:$false
#       Set-ReceiveConnector -Identity "SERVER\Connector" -AuthMechanism Tls -PermissionGroups AnonymousUsers
#     opensmtpd: |-
#       # /etc/smtpd.conf: relay only for local or authenticated senders; remove "match from any for any action <relay>"
#       match from local for any action "relay"
#       match auth from any for any action "relay"
#       match from any for domain <domains> action "local"
#       smtpd -n && systemctl restart opensmtpd
#     qmail: |-
#       # control/rcpthosts must exist and list only the domains this server accepts mail for
#       echo example.org >> /var/qmail/control/rcpthosts
#       # /etc/tcp.smtp: RELAYCLIENT only for trusted clients
#       127.:allow,RELAYCLIENT=""
#       :allow
#       tcprules /etc/tcp.smtp.cdb /etc/tcp.smtp.tmp < /etc/tcp.smtp
#   rollback: >-
#     Restore the configuration files saved before the change (main.cf/master.cf, sendmail.mc/sendmail.cf
#     and access, exim4 configuration, smtpd.conf, rcpthosts/tcp.smtp; Exchange: re-add the removed
#     ADPermission and previous connector settings), then restart the MTA (systemctl restart
#     postfix|sendmail|exim4|opensmtpd|qmail, Restart-Service MSExchangeFrontEndTransport) and re-run the evaluation.
package mta.controls.relay_001

import data.mta.lib

config_open := lib.listeners_in_state("open")

config_broken := lib.listeners_in_state("broken")

config_uncertain := lib.listeners_in_state("uncertain")

config_judged := [n |
	some n in lib.relay_listener_names
	lib.relay_state(n) in {"closed", "local"}
]

has_relay_facts if count(lib.relay_listener_names) > 0

probe_evidence := lib.probe_relay_evidence if {
	lib.has_probe
} else := []

default result := {"status": "error", "reason": "the relay decision could not be made from the facts", "evidence": []}

result := lib.fail(
	sprintf("listener(s) %s relay for unauthenticated clients from anywhere to any domain", [concat(", ", config_open)]),
	array.concat(lib.relay_config_evidence("open"), probe_evidence)
) if {
	count(config_open) > 0
} else := lib.fail(
	"the live probe relayed mail to an external domain although the configuration looks closed",
	array.concat(probe_evidence, lib.relay_config_evidence("closed"))
) if {
	lib.probe_relay_open
} else := lib.error(
	sprintf("listener(s) %s cannot run with this configuration (the MTA refuses it), so relay cannot be judged", [concat(", ", config_broken)]),
	lib.relay_config_evidence("broken")
) if {
	count(config_broken) > 0
} else := lib.error(
	sprintf("listener(s) %s may relay depending on tables or files whose content was not supplied", [concat(", ", config_uncertain)]),
	lib.relay_config_evidence("uncertain")
) if {
	count(config_uncertain) > 0
} else := lib.pass(
	sprintf("every listener (%s) rejects relaying for unauthenticated clients outside the trusted set", [concat(", ", config_judged)]),
	array.concat(array.concat(lib.relay_config_evidence("closed"), lib.relay_config_evidence("local")), probe_evidence)
) if {
	has_relay_facts
} else := lib.pass(
	"the live probe was refused relaying in every test",
	probe_evidence
) if {
	lib.probe_relay_closed
} else := lib.error(
	"the live probe was inconclusive and no configuration facts were supplied",
	probe_evidence
) if {
	lib.has_probe
} else := lib.error("no relay facts: neither configuration listeners nor a probe were supplied", [])
