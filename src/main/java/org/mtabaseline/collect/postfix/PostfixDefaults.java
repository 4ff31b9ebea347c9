package org.mtabaseline.collect.postfix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Built-in defaults of the parameters that decide relaying, listening and the baseline controls, including the
 * ones that depend on compatibility_level (postconf.proto, COMPATIBILITY_README, checked against 3.7 `postconf -d`).
 */
final class PostfixDefaults {
    /** Defaults reported as settings (default: true) when the configuration does not set them. */
    static final String[] REPORTED = {"compatibility_level", "smtpd_relay_restrictions", "smtpd_recipient_restrictions",
        "smtpd_client_restrictions", "smtpd_helo_restrictions", "smtpd_sender_restrictions", "mynetworks_style",
        "relay_domains", "mydestination", "inet_interfaces", "inet_protocols", "smtpd_sasl_auth_enable",
        "smtpd_tls_security_level", "smtpd_tls_auth_only", "disable_vrfy_command", "smtpd_helo_required",
        "smtpd_banner", "message_size_limit", "allow_untrusted_routing", "smtpd_delay_reject",
        "smtpd_relay_before_recipient_restrictions", "smtpd_client_connection_count_limit",
        "smtpd_client_connection_rate_limit", "smtpd_recipient_limit", "postscreen_greet_action", "permit_mx_backup_networks",
        "smtpd_tls_req_ccert", "smtpd_tls_ask_ccert", "mail_name"};

    private static final Map<String, String> FIXED = new LinkedHashMap<>();

    static {
        FIXED.put("compatibility_level", "0");
        FIXED.put("smtpd_recipient_restrictions", "");
        FIXED.put("smtpd_client_restrictions", "");
        FIXED.put("smtpd_helo_restrictions", "");
        FIXED.put("smtpd_sender_restrictions", "");
        FIXED.put("smtpd_data_restrictions", "");
        FIXED.put("smtpd_restriction_classes", "");
        FIXED.put("mydestination", "$myhostname, localhost.$mydomain, localhost");
        FIXED.put("inet_interfaces", "all");
        FIXED.put("inet_protocols", "all");
        FIXED.put("proxy_interfaces", "");
        FIXED.put("smtpd_sasl_auth_enable", "no");
        FIXED.put("smtpd_tls_security_level", "");
        FIXED.put("smtpd_use_tls", "no");
        FIXED.put("smtpd_enforce_tls", "no");
        FIXED.put("smtpd_tls_wrappermode", "no");
        FIXED.put("smtpd_tls_auth_only", "no");
        FIXED.put("smtpd_tls_req_ccert", "no");
        FIXED.put("smtpd_tls_ask_ccert", "no");
        FIXED.put("disable_vrfy_command", "no");
        FIXED.put("smtpd_helo_required", "no");
        FIXED.put("smtpd_banner", "$myhostname ESMTP $mail_name");
        FIXED.put("mail_name", "Postfix");
        FIXED.put("message_size_limit", "10240000");
        FIXED.put("allow_untrusted_routing", "no");
        FIXED.put("smtpd_delay_reject", "yes");
        FIXED.put("smtpd_client_connection_count_limit", "50");
        FIXED.put("smtpd_client_connection_rate_limit", "0");
        FIXED.put("smtpd_recipient_limit", "1000");
        FIXED.put("postscreen_greet_action", "ignore");
        FIXED.put("permit_mx_backup_networks", "");
        FIXED.put("alias_maps", "hash:/etc/aliases, nis:mail.aliases"); // postconf -d on Linux builds
        FIXED.put("virtual_alias_domains", "$virtual_alias_maps");
        FIXED.put("virtual_alias_maps", "$virtual_maps");
        FIXED.put("virtual_maps", "");
        FIXED.put("virtual_mailbox_domains", "$virtual_mailbox_maps");
        FIXED.put("virtual_mailbox_maps", "");
        FIXED.put("config_directory", "/etc/postfix");
        // Run-time values: unknown from configuration alone; kept as visible placeholders.
        FIXED.put("myhostname", "<myhostname>");
        FIXED.put("mydomain", "<mydomain>");
        FIXED.put("myorigin", "$myhostname");
        FIXED.put("mail_version", "<mail_version>");
        FIXED.put("stress", "");
        FIXED.put("process_name", "smtpd");
        FIXED.put("process_id", "");
        FIXED.put("service_name", "smtpd");
    }

    private PostfixDefaults() {
    }

    static String get(String name, double[] compat) {
        switch (name) {
            case "smtpd_relay_restrictions":
                return below(compat, 1, 0) ? "" : "permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination";
            case "mynetworks_style":
                return below(compat, 2, 0) ? "subnet" : "host";
            case "relay_domains":
                return below(compat, 2, 0) ? "$mydestination" : "";
            case "smtpd_relay_before_recipient_restrictions":
                return below(compat, 3, 6) ? "no" : "yes";
            default:
                return FIXED.get(name);
        }
    }

    /** compatibility_level as [major, minor]; unparsable values count as 0 (the most backwards setting). */
    static double[] level(String text) {
        if (text == null) {
            return new double[] {0, 0};
        }
        String t = text.strip();
        String[] p = t.split("\\.");
        try {
            double major = Double.parseDouble(p[0]);
            double minor = p.length > 1 ? Double.parseDouble(p[1]) : 0;
            return new double[] {major, minor};
        } catch (NumberFormatException e) {
            return new double[] {0, 0};
        }
    }

    static boolean below(double[] level, int major, int minor) {
        return level[0] < major || (level[0] == major && level[1] < minor);
    }
}
