# METADATA
# scope: package
# title: Pre-greeting delay / pregreet detection
# description: >-
#   Clients that talk before the greeting (spam bots) are detected and dropped: Postfix
#   postscreen in front of smtpd on port 25 with postscreen_greet_action = enforce or drop
#   (default ignore); Sendmail FEATURE(greet_pause); Exim acl_smtp_connect with a delay.
# custom:
#   id: MTA-HYG-004
#   severity: info
#   mta_kinds: [postfix, sendmail, exim]
#   roles: [mail_server, host]
#   source: config
#   references:
#     cis_controls_v8: ["4.1"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/master.cf
#       smtp      inet  n       -       y       -       1       postscreen
#       smtpd     pass  -       -       y       -       -       smtpd
#       dnsblog   unix  -       -       y       -       0       dnsblog
#       tlsproxy  unix  -       -       y       -       0       tlsproxy
#       # /etc/postfix/main.cf
#       postscreen_greet_action = enforce
#       postfix reload
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       FEATURE(`greet_pause', `1000')dnl
#       make -C /etc/mail && systemctl restart sendmail
#     exim: |-
#       acl_smtp_connect = acl_check_connect
#       # begin acl
#       acl_check_connect:
#         accept delay = 1s
#       update-exim4.conf && systemctl restart exim4
#   rollback: >-
#     Restore the configuration file saved before the change (master.cf/main.cf, sendmail.mc/sendmail.cf,
#     exim4 configuration), then restart the MTA (systemctl restart postfix|sendmail|exim4) and re-run the evaluation.
package mta.controls.hyg_004

import data.mta.lib

postscreen_listeners := [l |
	some l in input.mta.listeners
	l.kind == "postscreen"
]

greet_action := s if {
	s := lib.setting("postscreen_greet_action")
} else := {"value": "ignore", "source": {"file": null, "line": null}, "default": true}

postfix_ok if {
	count(postscreen_listeners) > 0
	lower(greet_action.value) in {"enforce", "drop"}
}

exim_connect_acl := s if {
	s := lib.setting("acl_smtp_connect")
	is_string(s.value)
	trim_space(s.value) != ""
}

evidence := array.concat(
	[lib.ev_listener_fact(l) | some l in postscreen_listeners],
	[lib.ev("postscreen_greet_action", greet_action)]
) if {
	lib.kind == "postfix"
} else := [{"setting": "FEATURE", "value": sort([x | some x in lib.features]), "file": null, "line": null}] if {
	lib.kind == "sendmail"
} else := [lib.ev("acl_smtp_connect", exim_connect_acl)] if {
	exim_connect_acl
} else := [lib.ev_absent("acl_smtp_connect")]

result := lib.not_applicable("no configuration facts were supplied") if {
	not lib.has_config
} else := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	not lib.kind_in(["postfix", "sendmail", "exim"])
} else := lib.pass("postscreen drops clients that talk before the greeting", evidence) if {
	lib.kind == "postfix"
	postfix_ok
} else := lib.pass("FEATURE(greet_pause) delays the greeting", evidence) if {
	lib.kind == "sendmail"
	"greet_pause" in lib.features
} else := lib.pass("a connect ACL is set (it holds the greeting delay)", evidence) if {
	lib.kind == "exim"
	exim_connect_acl
} else := lib.fail("no pre-greeting delay or pregreet detection is configured", evidence)
