package org.mtabaseline.collect.postfix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mtabaseline.collect.Cidr;
import org.mtabaseline.collect.Clients;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.LookupTable;
import org.mtabaseline.collect.Recipients;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;
import org.mtabaseline.collect.Source;
import org.mtabaseline.collect.Unresolved;

/** Turns one Postfix restriction list (smtpd_*_restrictions) into normalized rules for one listener. */
final class Restrictions {
    /** What a listener's restrictions need from the rest of the configuration. */
    interface Env {
        Clients mynetworks();

        boolean saslEnabled();

        boolean relayDomainsMatchAll();

        /** A lookup table by reference (type:name), or null when its content was not supplied. */
        Table table(String reference);

        /** Expanded value of a parameter (for restriction classes), or null. */
        String param(String name);

        Set<String> restrictionClasses();

        FactsBuilder facts();

        String listener();
    }

    /** A resolved table: static result, or entries. */
    record Table(String staticResult, LookupTable entries, boolean regexp) {
    }

    static final Set<String> WORKING_REJECTS = Set.of("reject", "defer", "reject_unauth_destination",
            "defer_unauth_destination", "defer_if_permit");

    private static final Set<String> TAKES_ARGUMENT = Set.of("check_client_access", "check_client_a_access",
            "check_client_mx_access", "check_client_ns_access", "check_reverse_client_hostname_access",
            "check_reverse_client_hostname_a_access", "check_reverse_client_hostname_mx_access",
            "check_reverse_client_hostname_ns_access", "check_ccert_access", "check_sasl_access",
            "check_helo_access", "check_helo_a_access", "check_helo_mx_access", "check_helo_ns_access",
            "check_sender_access", "check_sender_a_access", "check_sender_mx_access", "check_sender_ns_access",
            "check_recipient_access", "check_recipient_a_access", "check_recipient_mx_access",
            "check_recipient_ns_access", "check_etrn_access", "check_policy_service", "reject_rbl_client",
            "reject_rhsbl_client", "reject_rhsbl_sender", "reject_rhsbl_helo", "reject_rhsbl_recipient",
            "reject_rhsbl_reverse_client", "permit_dnswl_client", "permit_rhswl_client", "warn_if_reject", "sleep",
            "reject_dnsbl_client");

    private Restrictions() {
    }

    /** Tokens of a list, with `check_x table` pairs kept together. */
    static List<String[]> entries(String value) {
        List<String> toks = LookupTable.splitTopLevel(value == null ? "" : value);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            String t = toks.get(i);
            String lower = t.toLowerCase(Locale.ROOT);
            if (TAKES_ARGUMENT.contains(lower) && i + 1 < toks.size()) {
                out.add(new String[] {lower, toks.get(++i)});
            } else {
                out.add(new String[] {t.contains(":") ? t : lower, null});
            }
        }
        return out;
    }

    static List<RelayRule> normalize(String setting, String value, Source at, Env env, int depth) {
        List<RelayRule> rules = new ArrayList<>();
        List<String[]> entries = entries(value);
        for (int idx = 0; idx < entries.size(); idx++) {
            String[] e = entries.get(idx);
            String name = e[0];
            String arg = e[1];
            String text = arg == null ? name : name + " " + arg;
            if (name.equals("warn_if_reject")) {
                rules.add(rule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE, setting, at,
                        text + " (logs only)"));
                continue;
            }
            switch (name) {
                case "permit" -> rules.add(rule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, setting, at, text));
                case "reject" -> rules.add(rule(Clients.ANY, null, Recipients.ANY, null, Action.REJECT, setting, at, text));
                case "defer", "defer_if_permit" ->
                        rules.add(rule(Clients.ANY, null, Recipients.ANY, null, Action.DEFER, setting, at, text));
                case "permit_mynetworks" -> {
                    Clients c = env.mynetworks();
                    boolean unresolved = c.patterns().stream().anyMatch(p -> p.startsWith("unresolved:"));
                    rules.add(new RelayRule(c, null, Recipients.ANY, null, Action.PERMIT, null, null, unresolved,
                            setting, at, text));
                }
                case "permit_sasl_authenticated" -> {
                    if (env.saslEnabled()) {
                        rules.add(rule(Clients.ANY, true, Recipients.ANY, null, Action.PERMIT, setting, at, text));
                    } else {
                        rules.add(new RelayRule(Clients.ANY, true, Recipients.ANY, null, Action.CONTINUE,
                                "smtpd_sasl_auth_enable = no on this listener", null, false, setting, at,
                                text + " (inactive: SASL disabled)"));
                    }
                }
                case "permit_tls_clientcerts", "permit_tls_all_clientcerts" ->
                        rules.add(rule(Clients.ANY, true, Recipients.ANY, null, Action.PERMIT, setting, at, text));
                case "reject_unauth_destination", "defer_unauth_destination" -> {
                    Action a = name.startsWith("reject") ? Action.REJECT : Action.DEFER;
                    if (env.relayDomainsMatchAll()) {
                        rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE,
                                "relay_domains matches every domain", null, false, setting, at,
                                text + " (never fires: relay_domains matches every domain)"));
                    } else {
                        rules.add(rule(Clients.ANY, null, Recipients.ANY, Recipients.LOCAL, a, setting, at, text));
                    }
                }
                case "permit_auth_destination" -> rules.add(rule(Clients.ANY, null,
                        env.relayDomainsMatchAll() ? Recipients.ANY : Recipients.LOCAL, null, Action.PERMIT, setting, at, text));
                case "permit_mx_backup" -> rules.add(rule(Clients.ANY, null, Recipients.of(List.of("mx_backup:domains whose MX lists this host")),
                        null, Action.PERMIT, setting, at, text));
                default -> {
                    if (name.startsWith("check_") && name.endsWith("_access") && arg != null) {
                        rules.addAll(access(setting, name, arg, at, env, text));
                    } else if (env.restrictionClasses().contains(name) && env.param(name) != null && depth < 5) {
                        rules.addAll(normalize(setting, env.param(name), at, env, depth + 1));
                    } else if (name.contains(":")) {
                        env.facts().warning("lookup table without a check_*_access before it in " + setting
                                + "; ignored", at, name);
                    } else if (name.startsWith("reject_") || name.startsWith("check_") || name.startsWith("warn_")
                            || name.startsWith("defer_") || name.startsWith("permit_") || name.equals("sleep")) {
                        // Conditional checks an attacker can satisfy or avoid (DNS, syntax, RBL, policy service).
                        rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE,
                                null, null, false, setting, at, text));
                        if (name.equals("check_policy_service")) {
                            env.facts().warning("check_policy_service " + arg + " decides at run time; its"
                                    + " answers are not known to the collector", at, text);
                        }
                    } else {
                        env.facts().warning("unknown restriction '" + name + "' in " + setting
                                + " (Postfix would refuse the request with a server configuration error)", at, text);
                        rules.add(rule(Clients.ANY, null, Recipients.ANY, null, Action.DEFER, setting, at,
                                text + " (unknown restriction: server configuration error)"));
                    }
                }
            }
        }
        return rules;
    }

    private static RelayRule rule(Clients c, Boolean auth, Recipients r, Recipients except, Action a, String setting,
            Source at, String text) {
        return new RelayRule(c, auth, r, except, a, null, null, false, setting, at, text);
    }

    private static List<RelayRule> access(String setting, String check, String ref, Source at, Env env, String text) {
        String subject = check.substring("check_".length(), check.length() - "_access".length());
        boolean clientCheck = subject.startsWith("client") || subject.startsWith("reverse_client")
                || subject.equals("ccert");
        boolean recipientCheck = subject.startsWith("recipient");
        boolean attacker = subject.startsWith("sender") || subject.startsWith("helo") || subject.equals("sasl")
                || subject.endsWith("_mx") || subject.endsWith("_ns") || subject.endsWith("_a");
        Table t = env.table(ref);
        List<RelayRule> out = new ArrayList<>();
        if (t == null) {
            env.facts().unresolved(new Unresolved(setting, ref, "lookup table content not supplied; " + check
                    + " may permit or reject", at, env.listener()));
            if (clientCheck) {
                out.add(new RelayRule(Clients.of(List.of("unresolved:" + ref)), null, Recipients.ANY, null,
                        Action.PERMIT, null, null, true, setting, at, text));
            } else if (recipientCheck) {
                out.add(new RelayRule(Clients.ANY, null, Recipients.of(List.of("unresolved:" + ref)), null,
                        Action.PERMIT, null, null, true, setting, at, text));
            } else {
                // An OK for some sender or HELO name is the classic spoofable relay hole: a possible permit.
                out.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT,
                        subject + " matches " + ref, attacker, true, setting, at, text));
            }
            return out;
        }
        if (t.staticResult() != null || t.regexp()) {
            Action a = t.staticResult() != null ? action(t.staticResult()) : Action.CONTINUE;
            if (t.regexp()) {
                // Only catch-all patterns are evaluated; others depend on the data matched.
                a = Action.CONTINUE;
                for (LookupTable.Entry e : t.entries().entries()) {
                    if (e.key().matches("/\\^?\\.?\\*?\\$?/")) {
                        a = action(e.value());
                        break;
                    }
                }
            }
            if (clientCheck || recipientCheck || a != Action.PERMIT) {
                out.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, a, null, null, false, setting, at, text));
            } else {
                out.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, a, subject + " matches " + ref,
                        attacker, false, setting, at, text));
            }
            return out;
        }
        List<String> permitKeys = new ArrayList<>();
        List<String> rejectKeys = new ArrayList<>();
        for (LookupTable.Entry e : t.entries().entries()) {
            Action a = action(e.value());
            if (a == Action.PERMIT) {
                permitKeys.add(clientCheck ? clientKey(e.key()) : e.key());
            } else if (a == Action.REJECT || a == Action.DEFER) {
                rejectKeys.add(e.key());
            }
        }
        if (!permitKeys.isEmpty()) {
            if (clientCheck) {
                out.add(new RelayRule(Clients.of(permitKeys), null, Recipients.ANY, null, Action.PERMIT, null, null,
                        false, setting, at, text));
            } else if (recipientCheck) {
                out.add(new RelayRule(Clients.ANY, null, Recipients.of(permitKeys), null, Action.PERMIT, null, null,
                        false, setting, at, text));
            } else {
                out.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT,
                        subject + " in " + String.join(" ", permitKeys), attacker, false, setting, at, text));
            }
        }
        if (!rejectKeys.isEmpty() || permitKeys.isEmpty()) {
            out.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE,
                    rejectKeys.isEmpty() ? null : subject + " in " + String.join(" ", rejectKeys), null, false,
                    setting, at, text + (rejectKeys.isEmpty() ? "" : " (rejects listed entries only)")));
        }
        return out;
    }

    /** Access-table key for a client: an address prefix such as 192.168 becomes 192.168.0.0/16. */
    static String clientKey(String key) {
        String k = key.strip();
        if (k.matches("\\d{1,3}(\\.\\d{1,3}){0,2}\\.?")) {
            String[] parts = k.split("\\.");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(i < parts.length ? parts[i] : "0").append(i < 3 ? "." : "");
            }
            return sb + "/" + (parts.length * 8);
        }
        return Cidr.parse(k).map(c -> k).orElse(k);
    }

    /** The relay meaning of an access-table result. */
    static Action action(String result) {
        String r = result.strip();
        String word = (r.contains(" ") ? r.substring(0, r.indexOf(' ')) : r).toUpperCase(Locale.ROOT);
        if (word.equals("OK") || word.equals("PERMIT") || word.equals("RELAY") || word.matches("\\d+")
                && !word.startsWith("4") && !word.startsWith("5")) {
            return Action.PERMIT;
        }
        if (word.equals("REJECT") || word.startsWith("5") || word.startsWith("ERROR") || word.equals("DISCARD")) {
            return word.equals("DISCARD") ? Action.CONTINUE : Action.REJECT;
        }
        if (word.equals("DEFER") || word.startsWith("4") || word.equals("DEFER_IF_PERMIT") || word.equals("TEMPFAIL")) {
            return Action.DEFER;
        }
        return Action.CONTINUE;
    }
}
