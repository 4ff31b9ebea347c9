package org.mtabaseline.collect;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises which MTA a file belongs to, from its name first and its content second. */
public final class KindDetector {
    /** A signature line: the kind it speaks for and how strongly. */
    private record Sign(MtaKind kind, Pattern pattern, int weight) {
    }

    private static final List<Sign> SIGNS = List.of(
            new Sign(MtaKind.POSTFIX, Pattern.compile("^\\s*(smtpd_[a-z_]+|myhostname|mydestination|mynetworks(_style)?|inet_interfaces|relayhost|compatibility_level|alias_maps|mydomain|myorigin|relay_domains|smtp_[a-z_]+|virtual_[a-z_]+|postscreen_[a-z_]+|queue_directory|command_directory|daemon_directory|mailbox_size_limit|recipient_delimiter|inet_protocols|biff|append_dot_mydomain|readme_directory|milter_[a-z_]+|non_smtpd_milters|data_directory|maillog_file|message_size_limit)\\s*=.*"), 3),
            new Sign(MtaKind.POSTFIX, Pattern.compile("^[\\w.:\\[\\]*-]+\\s+(inet|unix|unix-dgram|fifo|pass)\\s+[-yn]\\s+[-yn]\\s+[-yn]\\s+\\S+\\s+\\S+\\s+\\S+.*"), 4),
            new Sign(MtaKind.POSTFIX, Pattern.compile("^\\s+-o\\s+\\{?\\s*[a-z_]+\\s*=.*"), 2),
            new Sign(MtaKind.SENDMAIL, Pattern.compile("^\\s*(FEATURE|DAEMON_OPTIONS|OSTYPE|MAILER|VERSIONID|DOMAIN|MASQUERADE_AS|LOCAL_DOMAIN|RELAY_DOMAIN|SMART_HOST|TRUST_AUTH_MECH|define|divert|include|undefine|dnl)\\s*\\(.*"), 4),
            new Sign(MtaKind.SENDMAIL, Pattern.compile("^\\s*dnl\\b.*"), 2),
            new Sign(MtaKind.SENDMAIL, Pattern.compile("^O ?[A-Z][A-Za-z]+=.*"), 3),
            new Sign(MtaKind.SENDMAIL, Pattern.compile("^(C\\{?[A-Za-z]+\\}?\\S*|F\\{?[A-Za-z]+\\}?\\s*\\S+|K[a-z]+ \\S+.*|S\\d+.*|Mlocal,.*|Msmtp,.*|V\\d+/\\w+)$"), 2),
            new Sign(MtaKind.SENDMAIL, Pattern.compile("^(Connect|To|From):\\S+\\s+(RELAY|OK|REJECT|DISCARD|ERROR:.*|SKIP)\\s*$", Pattern.CASE_INSENSITIVE), 2),
            new Sign(MtaKind.EXIM, Pattern.compile("^\\s*begin\\s+(acl|routers|transports|authenticators|rewrite|retry)\\s*$"), 5),
            new Sign(MtaKind.EXIM, Pattern.compile("^\\s*(domainlist|hostlist|addresslist|localpartlist)\\s+\\w+\\s*=.*"), 4),
            new Sign(MtaKind.EXIM, Pattern.compile("^\\s*(acl_smtp_[a-z_]+|daemon_smtp_ports?|local_interfaces|primary_hostname|qualify_domain|tls_advertise_hosts|exim_user|trusted_users|never_users|host_lookup|rfc1413_hosts|spool_directory)\\s*=.*"), 3),
            new Sign(MtaKind.EXIM, Pattern.compile("^\\s*dc_[a-z_]+\\s*=.*"), 4),
            new Sign(MtaKind.OPENSMTPD, Pattern.compile("^\\s*listen\\s+on\\s+\\S+.*"), 5),
            new Sign(MtaKind.OPENSMTPD, Pattern.compile("^\\s*(match\\s+.*(action|reject)\\b.*|action\\s+\"?[\\w-]+\"?\\s+(relay|mbox|maildir|lmtp|mda|forward-only|expand-only).*|accept\\s+(from|for|tagged)\\b.*|reject\\s+from\\b.*)"), 4),
            new Sign(MtaKind.OPENSMTPD, Pattern.compile("^\\s*table\\s+\\S+\\s+(file|db|ldap|mysql|sqlite|postgres|redis|socketmap|\\{|\"?[a-z]+:).*"), 2),
            new Sign(MtaKind.EXCHANGE, Pattern.compile(".*(Microsoft\\.Exchange\\.Data|ReceiveConnector|RemoteIPRanges|PermissionGroups|ms-Exch-SMTP-).*", Pattern.CASE_INSENSITIVE), 5),
            new Sign(MtaKind.QMAIL, Pattern.compile("^[0-9a-fA-F.:=\\-]*:(allow|deny)(,.*)?$"), 3),
            new Sign(MtaKind.QMAIL, Pattern.compile("^.*RELAYCLIENT.*$"), 2));

    private KindDetector() {
    }

    /** The kind a file name alone says, if any. */
    public static Optional<MtaKind> byName(ConfigFile f) {
        String b = f.baseName().toLowerCase(Locale.ROOT);
        String n = f.name().toLowerCase(Locale.ROOT);
        if (b.startsWith("main.cf") || b.startsWith("master.cf") || b.endsWith("-main.cf") || b.endsWith("-master.cf")
                || b.startsWith("postconf") || n.contains("/postfix/")) {
            return Optional.of(MtaKind.POSTFIX);
        }
        if (b.endsWith(".mc") || b.equals("sendmail.cf") || b.equals("submit.cf") || b.endsWith("sendmail.cf")
                || n.contains("/mail/sendmail")) {
            return Optional.of(MtaKind.SENDMAIL);
        }
        if (b.startsWith("exim") || b.contains("update-exim4") || b.endsWith("exim.conf") || b.endsWith("exim4.conf")
                || n.contains("/exim")) {
            return Optional.of(MtaKind.EXIM);
        }
        if (b.equals("smtpd.conf") || b.endsWith("-smtpd.conf") || n.contains("opensmtpd")) {
            return Optional.of(MtaKind.OPENSMTPD);
        }
        if (b.contains("receiveconnector") || b.contains("adpermission") || n.contains("exchange")) {
            return Optional.of(MtaKind.EXCHANGE);
        }
        if (b.equals("tcp.smtp") || b.endsWith("tcp.smtp") || b.equals("rcpthosts") || b.equals("morercpthosts")
                || n.contains("/qmail/")) {
            return Optional.of(MtaKind.QMAIL);
        }
        return Optional.empty();
    }

    /** Content scores per kind (sum of signature weights over the first lines). */
    public static Map<MtaKind, Integer> scores(ConfigFile f) {
        Map<MtaKind, Integer> score = new EnumMap<>(MtaKind.class);
        String s = f.content();
        int lines = 0;
        int meaningful = 0;
        int start = 0;
        // The first few hundred meaningful lines say which MTA a file is; reading more only costs time.
        while (start <= s.length() && lines < 4000 && meaningful < 400) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl;
            String line = s.substring(start, Math.min(end, start + 2000));
            lines++;
            String t = line.stripLeading();
            boolean comment = t.startsWith("#") && !t.startsWith("#####");
            if (!comment && !t.isEmpty()) {
                meaningful++;
                for (Sign sign : SIGNS) {
                    if (sign.pattern().matcher(line).matches()) {
                        score.merge(sign.kind(), sign.weight(), Integer::sum);
                    }
                }
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return score;
    }

    /** The first line (1-based) carrying a signature of the kind, or null. */
    public static Integer firstSignLine(ConfigFile f, MtaKind kind) {
        String[] lines = f.content().split("\n", 4001);
        for (int i = 0; i < Math.min(lines.length, 4000); i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("#") && !line.startsWith("#####")) {
                continue;
            }
            String cut = line.length() > 2000 ? line.substring(0, 2000) : line;
            for (Sign sign : SIGNS) {
                if (sign.kind() == kind && sign.pattern().matcher(cut).matches()) {
                    return i + 1;
                }
            }
        }
        return null;
    }

    public static Optional<MtaKind> byContent(ConfigFile f) {
        return scores(f).entrySet().stream().filter(e -> e.getValue() >= 4)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The kind of a set of files: names first, then content; empty if nothing speaks for any kind. */
    public static Optional<MtaKind> detect(List<ConfigFile> files) {
        Map<MtaKind, Integer> votes = new EnumMap<>(MtaKind.class);
        for (ConfigFile f : files) {
            byName(f).ifPresent(k -> votes.merge(k, 10, Integer::sum));
            byContent(f).ifPresent(k -> votes.merge(k, 5, Integer::sum));
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /**
     * Refuses a file whose content clearly belongs to another MTA than the one requested (e.g. an exim.conf sent
     * as Postfix), naming the first line that gives it away.
     */
    public static void checkConsistent(MtaKind kind, List<ConfigFile> files) {
        for (ConfigFile f : files) {
            Map<MtaKind, Integer> sc = scores(f);
            int mine = sc.getOrDefault(kind, 0);
            for (var e : sc.entrySet()) {
                if (e.getKey() != kind && e.getValue() >= 8 && e.getValue() > 4 * Math.max(mine, 1)) {
                    Integer line = firstSignLine(f, e.getKey());
                    throw new ConfigParseException(f.name(), line, "content looks like " + e.getKey().id()
                            + " configuration, not " + kind.id() + " (e.g. this line)");
                }
            }
        }
    }
}
