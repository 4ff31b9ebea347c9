# METADATA
# scope: package
# title: Greeting banner discloses no software name, version or OS
# description: >-
#   The 220 greeting must not name the MTA software, its version or the operating system.
#   Postfix smtpd_banner without $mail_name/$mail_version (default "$myhostname ESMTP
#   $mail_name" discloses); Sendmail SmtpGreetingMessage without $v/$Z; Exim smtp_banner
#   without $version_number (the default discloses); Exchange connector Banner set (empty
#   means the default Microsoft ESMTP banner); OpenSMTPD's fixed greeting names the software.
#   A live probe's banner must not match Postfix|Sendmail|Exim|Microsoft ESMTP|OpenSMTPD, a
#   dotted version number or an OS name.
# custom:
#   id: MTA-INFO-001
#   severity: low
#   mta_kinds: [postfix, sendmail, exim, exchange, opensmtpd, qmail]
#   roles: [mail_server, host]
#   source: both
#   references:
#     ssg: [postfix_server_banner]
#     cce: [CCE-82379-9]
#     lynis: [MAIL-8818]
#     stig: [GEN004560 (V-4384), EX19-MB-000232 (V-259707), EX19-ED-000231 (V-259638), EX13-MB-000325 (V-70065)]
#     cis: ["Microsoft Exchange Server 2019 v1.0.0 L1 2.4.5"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       smtpd_banner = $myhostname ESMTP
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       define(`confSMTP_LOGIN_MSG', `$j ESMTP')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       smtp_banner = $smtp_active_hostname ESMTP
#       update-exim4.conf && systemctl restart exim4
#     exchange: |-
#       Set-ReceiveConnector -Identity "SERVER\Default Frontend SERVER" -Banner "220 SMTP Server Ready"
#     opensmtpd: |-
#       # the OpenSMTPD greeting is fixed ("<hostname> ESMTP OpenSMTPD"); set a neutral host name
#       # and accept the residual finding, or terminate SMTP on a filtering proxy
#       listen on egress hostname mail.example.org
#     qmail: |-
#       echo "mail.example.org" > /var/qmail/control/smtpgreeting
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf, sendmail.mc/sendmail.cf, exim4
#     configuration, smtpd.conf, control/smtpgreeting; Exchange: Set-ReceiveConnector -Banner with the
#     previous value or $null), then restart the MTA and re-run the evaluation.
package mta.controls.info_001

import data.mta.lib

disclosing := `(?i)(\$\{?mail_name|\$\{?mail_version|\$\{?version_number|\$v\b|\$Z\b|postfix|sendmail|exim|microsoft|opensmtpd|qmail|debian|ubuntu|red ?hat|centos|rocky|alma|suse|fedora|freebsd|openbsd|[0-9]+\.[0-9]+\.[0-9]+)`

# IPv4 addresses are not versions.
without_addresses(text) := regex.replace(text, `[0-9]{1,3}(\.[0-9]{1,3}){3}`, "")

discloses(text) if {
	is_string(text)
	regex.match(disclosing, without_addresses(text))
}

banner_key := {"postfix": "smtpd_banner", "sendmail": "SmtpGreetingMessage", "exim": "smtp_banner", "qmail": "smtpgreeting"}

# Built-in banners when the setting is absent (what the MTA says).
builtin := {
	"postfix": "$myhostname ESMTP $mail_name",
	"sendmail": "$j Sendmail $v ready at $b",
	"exim": "$smtp_active_hostname ESMTP Exim $version_number $tod_full",
	"qmail": "<me> ESMTP",
}

# The banner text as written (raw, before $name expansion) when the collector kept it,
# otherwise the value (host names in the expanded text must not look like disclosures).
texts(s) := [s.raw] if {
	is_string(s.raw)
} else := [s.value]

config_findings := [lib.ev_listener(l, banner_key[lib.kind], s) |
	some l in lib.exposed_listeners
	s := lib.listener_setting(l, banner_key[lib.kind])
	some t in texts(s)
	discloses(t)
]

default_findings := [{"setting": banner_key[lib.kind], "value": builtin[lib.kind], "file": null, "line": null, "default": true} |
	count([l | some l in lib.exposed_listeners; not lib.listener_setting(l, banner_key[lib.kind])]) > 0
	discloses(builtin[lib.kind])
]

exchange_findings := [lib.ev_listener(l, "Banner", object.get(l.settings, "Banner", {"value": null, "source": {}})) |
	lib.kind == "exchange"
	some l in lib.exposed_listeners
	not exchange_banner_ok(l)
]

exchange_banner_ok(l) if {
	b := l.settings.Banner.value
	is_string(b)
	trim_space(b) != ""
	not discloses(b)
}

# OpenSMTPD's greeting is built in ("<hostname> ESMTP OpenSMTPD"); only a banner actually seen
# by the probe (e.g. rewritten by a proxy in front) can show otherwise.
opensmtpd_findings := [{"setting": "greeting", "value": "<hostname> ESMTP OpenSMTPD", "file": null, "line": null, "default": true} |
	lib.kind == "opensmtpd"
	count(lib.exposed_listeners) > 0
	not probe_banner_seen
]

probe_banner_seen if is_string(input.probe.banner)

findings := array.concat(array.concat(config_findings, default_findings), array.concat(exchange_findings, opensmtpd_findings))

probe_discloses if discloses(input.probe.banner)

probe_discloses if input.probe.banner_discloses_version == true

probe_evidence := [lib.ev_probe("banner", input.probe.banner)] if {
	lib.has_probe
	is_string(input.probe.banner)
} else := []

checked := [lib.ev_listener(l, k, s) |
	some l in lib.exposed_listeners
	k := object.get(banner_key, lib.kind, "Banner")
	s := lib.listener_setting(l, k)
]

result := lib.fail(
	"the live probe's greeting banner names the software, a version or the OS",
	array.concat(probe_evidence, findings)
) if {
	probe_discloses
} else := lib.fail(
	"the configured greeting banner names the software, a version or the OS",
	findings
) if {
	lib.has_config
	count(findings) > 0
} else := lib.pass(
	"the greeting banner discloses no software, version or OS",
	array.concat(checked, probe_evidence)
) if {
	lib.has_config
	count(lib.exposed_listeners) > 0
} else := lib.pass(
	"the live probe's greeting banner discloses no software, version or OS",
	probe_evidence
) if {
	count(probe_evidence) > 0
} else := lib.not_applicable("no listener is reachable from the network and no probe was supplied")
