# METADATA
# scope: package
# title: MTA in local-only mode when the host is not a mail server
# description: >-
#   A host whose role is not mail server must not accept SMTP from the network: every listener
#   bound to loopback only (127.0.0.1 / ::1). Postfix inet_interfaces = loopback-only and no
#   master.cf service bound to a non-loopback host:port; Exim dc_local_interfaces /
#   local_interfaces loopback only (empty = all interfaces); Sendmail every DaemonPortOptions
#   line (including the MSA line) with Addr=127.0.0.1 or ::1; OpenSMTPD listen on localhost/lo
#   only. A live probe that reached the SMTP port from the network fails the control.
# custom:
#   id: MTA-NET-001
#   severity: medium
#   mta_kinds: [postfix, exim, sendmail, opensmtpd]
#   roles: [host]
#   source: both
#   references:
#     cis: ["Distribution Independent Linux v2.0.0 2.2.15", "CentOS Linux 7 v2.1.0 3.16", "RHEL 7 v4.0.0 2.2.21", "RHEL 8 v2.0.0 2.2.17", "RHEL 8 v3.0.0 2.2.21", "RHEL 8 v4.0.0 2.1.23", "RHEL 9 v1.0.0 2.2.15", "RHEL 9 v2.0.0 2.1.21", "RHEL 10 v1.0.1 2.1.21", "AlmaLinux OS 9 v2.0.0 2.1.21", "Ubuntu 22.04 v1.0.0 2.2.15", "Ubuntu 22.04 v2.0.0 2.1.21", "Ubuntu 24.04 v1.0.0 2.1.21", "Ubuntu 18.04 LXD v1.0.0 2.2.14", "Ubuntu 12.04 v1.1.0 6.15", "Debian 12 v1.1.0 2.1.21", "Debian 13 v1.0.0 2.1.22", "Amazon Linux 2 v3.0.0 2.2.21", "Amazon Linux 2023 v1.0.0 2.2.15", "SLES 12 v3.1.0 2.2.16", "SLES 15 v1.1.1 2.2.16", "Fedora (draft) 2.1.23"]
#     cis_controls_v8: ["4.8"]
#     cis_controls_v7: ["9.2"]
#     ssg: [postfix_network_listening_disabled, has_nonlocal_mta]
#     cce: [CCE-82174-4, CCE-90825-1, CCE-87280-4, CCE-88498-1, CCE-88499-9, CCE-88412-2]
#     stig: [RHEL-06-000249 (V-38622), V-218009]
#     anssi: [BP-028 v2.0 R74]
#     pci_dss_v4: ["1.4.2"]
#   remediation:
#     postfix: |-
#       # /etc/postfix/main.cf
#       inet_interfaces = loopback-only
#       # and in /etc/postfix/master.cf bind any extra smtpd service to loopback, e.g.
#       127.0.0.1:submission inet n - y - - smtpd
#       systemctl restart postfix
#     exim: |-
#       # /etc/exim4/update-exim4.conf.conf
#       dc_eximconfig_configtype='local'
#       dc_local_interfaces='127.0.0.1 ; ::1'
#       dc_readhost=''
#       dc_relay_domains=''
#       dc_minimaldns='false'
#       dc_relay_nets=''
#       dc_smarthost=''
#       dc_use_split_config='false'
#       dc_hide_mailname=''
#       dc_mailname_in_oh='true'
#       dc_localdelivery='mail_spool'
#       update-exim4.conf && systemctl restart exim4
#       # non-Debian exim.conf: local_interfaces = <; 127.0.0.1 ; ::1
#     sendmail: |-
#       dnl /etc/mail/sendmail.mc
#       DAEMON_OPTIONS(`Port=smtp,Addr=127.0.0.1, Name=MTA')dnl
#       DAEMON_OPTIONS(`Port=submission,Addr=127.0.0.1, Name=MSA, M=Ea')dnl
#       dnl or FEATURE(`no_default_msa')dnl to drop the MSA daemon
#       make -C /etc/mail && systemctl restart sendmail
#     opensmtpd: |-
#       # /etc/smtpd.conf
#       listen on localhost
#       smtpd -n && systemctl restart opensmtpd
#   rollback: >-
#     Restore the configuration file saved before the change (main.cf/master.cf, update-exim4.conf.conf,
#     sendmail.mc/sendmail.cf, smtpd.conf), then restart the MTA (systemctl restart
#     postfix|exim4|sendmail|opensmtpd) and re-run the evaluation.
package mta.controls.net_001

import data.mta.lib

kinds := ["postfix", "exim", "sendmail", "opensmtpd"]

interface_settings := ["inet_interfaces", "dc_eximconfig_configtype", "dc_local_interfaces", "local_interfaces", "DaemonPortOptions"]

setting_evidence := [lib.ev(name, s) |
	some name in interface_settings
	s := lib.setting(name)
]

exposed_evidence := [lib.ev_listener_fact(l) | some l in lib.exposed_listeners]

probe_reached if {
	lib.has_probe
	is_string(input.probe.banner)
}

probe_evidence := [lib.ev_probe("banner", input.probe.banner)] if {
	probe_reached
} else := []

result := lib.not_applicable("the asset is a mail server; local-only mode is for hosts that are not") if {
	lib.role != "host"
} else := lib.not_applicable(sprintf("MTA kind %v is not covered", [lib.kind])) if {
	lib.has_config
	not lib.kind_in(kinds)
} else := lib.fail(
	sprintf("%d listener(s) accept SMTP from the network", [count(exposed_evidence)]),
	array.concat(array.concat(exposed_evidence, setting_evidence), probe_evidence)
) if {
	lib.has_config
	count(exposed_evidence) > 0
} else := lib.fail(
	"the live probe reached the SMTP service from the network",
	array.concat(probe_evidence, setting_evidence)
) if {
	probe_reached
} else := lib.pass(
	"every listener is bound to loopback only",
	array.concat([lib.ev_listener_fact(l) | some l in input.mta.listeners], setting_evidence)
) if {
	lib.has_config
} else := lib.not_applicable("neither configuration facts nor a probe were supplied")
