package org.mtabaseline.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Probes one target: banner and EHLO evidence, VRFY/EXPN, then the relay battery on the target's path (plain or
 * implicit TLS) and again after STARTTLS when offered. One session serves many tests (RSET in between); the probe
 * reconnects when the server drops it, answers 421, or when the session has used its error budget (Postfix slows
 * down after smtpd_soft_error_limit errors and drops at the hard limit). Records evidence only; decides nothing.
 */
public final class Prober {

    private static final Pattern VERSION = Pattern.compile("(?<![\\w.-])v?\\d+\\.\\d+(\\.\\d+)*(?![\\w-]*\\.[a-z])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SOFTWARE = Pattern.compile("\\b(postfix|sendmail|exim|microsoft esmtp mail service"
            + "|microsoft exchange|opensmtpd|qmail|haraka|zimbra|courier|mdaemon|smtpd|hmailserver|james"
            + "|kerio|ironport|postini|mailenable|communigate|xmail|axigen|icewarp|smail|zmailer)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*"
            + "[a-z0-9])?)+\\.?$|^\\[[0-9a-f:.IPv6]+]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern VRFY_DENY = Pattern.compile("administrative prohibition|disabled|cannot vrfy"
            + "|not (allowed|permitted|supported|implemented)|refused|denied|unrecognized|not recognized",
            Pattern.CASE_INSENSITIVE);

    private final ProbeLimits limits;
    private final ScheduledExecutorService timer;

    public Prober(ProbeLimits limits) {
        this.limits = limits;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public ProbeLimits limits() {
        return limits;
    }

    /** Probes one admitted target; never throws for anything the server does. */
    public ProbeReport probe(ProbeTarget target, ProbeOptions options, Consumer<ProbeTestResult> onTest) {
        return new Run(target, options, onTest).execute();
    }

    /** The state of one target's probe. */
    private final class Run {
        final ProbeTarget target;
        final ProbeOptions o;
        final Consumer<ProbeTestResult> onTest;
        final Instant started = Instant.now();
        final Instant deadline;
        final Transcript transcript = new Transcript();
        final List<ProbeTestResult> tests = new ArrayList<>();
        final Set<ProbePath> pathsRun = new LinkedHashSet<>();
        final Map<ProbePath, String> pathFailures = new LinkedHashMap<>();
        int sessions;
        int budget;
        SmtpReply banner;
        List<String> capabilities = List.of();
        List<String> authBeforeTls = List.of();
        Set<String> authMechanisms = new LinkedHashSet<>();
        TlsDetails tls;
        String hostName;
        String vrfy;
        String expn;
        Long size;
        String error;

        Run(ProbeTarget target, ProbeOptions o, Consumer<ProbeTestResult> onTest) {
            this.target = target;
            this.o = o;
            this.onTest = onTest == null ? t -> { } : onTest;
            this.deadline = started.plus(o.totalTimeout());
            this.budget = o.sessionErrorBudget();
        }

        ProbeReport execute() {
            ProbePath first = o.implicitTlsPorts().contains(target.port()) ? ProbePath.IMPLICIT_TLS : ProbePath.PLAIN;
            SmtpSession s = null;
            try {
                s = openSession(first, true);
            } catch (ProbeFailure f) {
                error = f.reason();
                pathFailures.put(first, f.reason());
            }
            if (s != null) {
                List<RelayTestCase> cases = RelayBattery.build(target, hostName, o);
                if (o.evidence()) {
                    s = userEnumeration(s, first);
                }
                battery(first, s, cases);
                boolean offered = capabilities.stream().anyMatch(c -> c.equalsIgnoreCase("STARTTLS"));
                if (first == ProbePath.PLAIN && offered && o.starttls()) {
                    try {
                        SmtpSession t = openSession(ProbePath.STARTTLS, true);
                        battery(ProbePath.STARTTLS, t, cases);
                    } catch (ProbeFailure f) {
                        pathFailures.put(ProbePath.STARTTLS, f.reason());
                        pathsRun.add(ProbePath.STARTTLS);
                    }
                }
            }
            return report();
        }

        /** Connect, banner, EHLO (HELO if EHLO is refused) and for the STARTTLS path the upgrade and a new EHLO. */
        SmtpSession openSession(ProbePath path, boolean recordEvidence) throws ProbeFailure {
            limits.beforeConnect(target, o, deadline);
            ProbePath wire = path == ProbePath.STARTTLS ? ProbePath.PLAIN : path;
            SmtpSession s = SmtpSession.open(target, wire == ProbePath.PLAIN ? path : wire, ++sessions, o,
                    transcript, deadline, timer);
            try {
                SmtpReply b = s.banner();
                if (banner == null) {
                    banner = b;
                    hostName = hostFrom(b.lines().isEmpty() ? "" : b.lines().get(0));
                }
                if (!b.positive()) {
                    throw new ProbeFailure(ProbeFailure.Kind.REFUSED, "refused at the banner: " + b.asText());
                }
                SmtpReply ehlo = greet(s);
                if (path == ProbePath.STARTTLS) {
                    TlsDetails d = s.startTls();
                    if (recordEvidence) {
                        tls = d;
                    }
                    ehlo = greet(s);
                    if (recordEvidence && ehlo.positive()) {
                        authMechanisms.addAll(authFrom(capsFrom(ehlo)));
                    }
                } else if (recordEvidence && ehlo.positive() && capabilities.isEmpty()) {
                    capabilities = capsFrom(ehlo);
                    size = sizeFrom(capabilities);
                    List<String> mechs = authFrom(capabilities);
                    authMechanisms.addAll(mechs);
                    if (path == ProbePath.PLAIN) {
                        authBeforeTls = mechs;
                    } else {
                        tls = s.tls();
                    }
                }
                if (hostName == null && ehlo.positive() && !ehlo.lines().isEmpty()) {
                    hostName = hostFrom(ehlo.lines().get(0));
                }
                return s;
            } catch (ProbeFailure f) {
                s.close();
                if (path == ProbePath.STARTTLS && recordEvidence && s.tls() != null) {
                    tls = s.tls();
                }
                throw f;
            }
        }

        SmtpReply greet(SmtpSession s) throws ProbeFailure {
            SmtpReply ehlo = s.send("EHLO", o.ehloName());
            if (ehlo.positive()) {
                return ehlo;
            }
            return s.send("HELO", o.ehloName());
        }

        /** VRFY and EXPN with Greenbone's guard: a server that answers 252 to a random user too is ambiguous. */
        SmtpSession userEnumeration(SmtpSession s, ProbePath path) {
            try {
                SmtpReply root = s.send("VRFY", "root");
                SmtpReply random = s.send("VRFY", "nx" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
                vrfy = vrfyState(root, random);
                SmtpReply e = s.send("EXPN", "root");
                expn = expnState(e);
                return s;
            } catch (ProbeFailure f) {
                vrfy = vrfy == null ? "ambiguous" : vrfy;
                expn = expn == null ? "ambiguous" : expn;
                try {
                    return openSession(path, false);
                } catch (ProbeFailure again) {
                    return null;
                }
            }
        }

        void battery(ProbePath path, SmtpSession session, List<RelayTestCase> cases) {
            pathsRun.add(path);
            SmtpSession s = session;
            int openFailures = 0;
            String abortReason = null;
            for (RelayTestCase c : cases) {
                ProbeTestResult r = null;
                if (abortReason != null) {
                    r = result(c, path, List.of(), TestVerdict.INCONCLUSIVE, abortReason, "connect", 0);
                }
                for (int attempt = 0; r == null; attempt++) {
                    List<String> replies = new ArrayList<>();
                    try {
                        limits.beforeTest(target, o, deadline);
                        if (s == null || !s.alive() || s.errors() >= budget) {
                            if (s != null) {
                                s.quit(budget >= o.sessionErrorBudget());
                            }
                            s = null;
                            s = openSession(path, false);
                            openFailures = 0;
                        } else if (s.inTransaction()) {
                            SmtpReply rset = s.send("RSET", null);
                            if (!rset.positive() || s.slowAfterErrors() > 0) {
                                budget = s.slowAfterErrors() > 0 ? Math.max(1, Math.min(budget, s.slowAfterErrors()))
                                        : budget;
                                s.quit(false);
                                s = null;
                                continue;
                            }
                        }
                        r = runCase(s, c, path, replies);
                        if (s.alive() && s.slowAfterErrors() > 0) {
                            budget = Math.max(1, Math.min(budget, s.slowAfterErrors()));
                            s.quit(false);
                            s = null;
                        }
                    } catch (ProbeFailure f) {
                        boolean duringOpen = s == null;
                        if (duringOpen) {
                            openFailures++;
                        }
                        if (s != null && f.kind() == ProbeFailure.Kind.DROPPED && s.errors() > 0) {
                            // The server hung up after this many errors: stay below that from now on.
                            budget = Math.max(1, Math.min(budget, s.errors()));
                        }
                        if (s != null) {
                            s.close();
                        }
                        s = null;
                        boolean retry = attempt == 0 && f.kind() != ProbeFailure.Kind.TIMEOUT
                                && (f.kind() == ProbeFailure.Kind.DROPPED || duringOpen);
                        if (!retry) {
                            r = result(c, path, replies, TestVerdict.INCONCLUSIVE, f.reason(), "session", 0);
                            if (f.kind() == ProbeFailure.Kind.TIMEOUT || openFailures >= 2) {
                                abortReason = f.reason();
                                pathFailures.putIfAbsent(path, f.reason());
                            }
                        }
                    }
                }
                tests.add(r);
                onTest.accept(r);
            }
            if (s != null) {
                s.quit();
            }
        }

        ProbeTestResult runCase(SmtpSession s, RelayTestCase c, ProbePath path, List<String> replies)
                throws ProbeFailure {
            String authNote = "";
            if (c.bogusAuth()) {
                SmtpReply a = s.send("AUTH", "CRAM-MD5");
                replies.add(a.asText());
                if (a.code() == 334) {
                    // A syntactically valid but meaningless CRAM-MD5 answer (Tenable 10262 pass 2).
                    SmtpReply b = s.send(java.util.Base64.getEncoder().encodeToString(
                            "mta-baseline 00000000000000000000000000000000".getBytes(
                                    java.nio.charset.StandardCharsets.US_ASCII)), null);
                    replies.add(b.asText());
                    if (b.positive()) {
                        authNote = "bogus AUTH was accepted (" + b.code() + "); ";
                    }
                } else if (!s.alive()) {
                    return result(c, path, replies, TestVerdict.INCONCLUSIVE, "dropped at AUTH", "auth", s.number());
                }
            }
            s.beginTransaction();
            SmtpReply mail = s.send("MAIL", "FROM:<" + c.mailFrom() + ">");
            replies.add(mail.asText());
            if (!mail.positive()) {
                ReplyClassifier.Outcome out = ReplyClassifier.classify(ReplyClassifier.Stage.MAIL, mail);
                return result(c, path, replies, out.verdict(), authNote + out.reason(), "mail", s.number());
            }
            SmtpReply rcpt = s.send("RCPT", "TO:<" + c.rcptTo() + ">");
            replies.add(rcpt.asText());
            ReplyClassifier.Outcome out = ReplyClassifier.classify(ReplyClassifier.Stage.RCPT, rcpt);
            String stage = "rcpt";
            boolean goOn = out.verdict() == TestVerdict.ACCEPTED && c.relayAttempt()
                    && (o.mode() == ProbeOptions.Mode.CONFIRM || c.deliver());
            if (goOn) {
                SmtpReply data = s.send("DATA", null);
                replies.add(data.asText());
                stage = "data";
                out = ReplyClassifier.classify(ReplyClassifier.Stage.DATA, data);
                if (data.code() == 354) {
                    if (c.deliver()) {
                        SmtpReply end = s.sendBody(sinkMessage(c));
                        replies.add(end.asText());
                        stage = "end_of_data";
                        out = ReplyClassifier.classify(ReplyClassifier.Stage.END_OF_DATA, end);
                    } else {
                        s.abort("confirm mode stops at 354; no message body is sent");
                    }
                }
            }
            return result(c, path, replies, out.verdict(), authNote + out.reason(), stage, s.number());
        }

        String sinkMessage(RelayTestCase c) {
            return "From: <" + c.mailFrom() + ">\r\nTo: <" + c.rcptTo() + ">\r\nSubject: mta-baseline relay probe "
                    + target.label() + "\r\n\r\nThis message proves that " + target.label()
                    + " relayed mail for an outside client. Sent by the mta-baseline probe ("
                    + o.ehloName() + ") to the operator's sink mailbox.\r\n";
        }

        ProbeTestResult result(RelayTestCase c, ProbePath path, List<String> replies, TestVerdict v, String reason,
                               String stage, int session) {
            return new ProbeTestResult(c.id(), c.technique(), c.mailFrom(), c.rcptTo(), replies, v, reason, path,
                    target.port(), c.relayAttempt(), stage, session);
        }

        ProbeReport report() {
            String b = banner == null ? null : banner.asText();
            String bannerText = banner == null || banner.lines().isEmpty() ? "" : banner.lines().get(0);
            String software = softwareIn(bannerText);
            String[] verdict = relayVerdict();
            return new ProbeReport(target.label(), target.address().getHostAddress(), target.port(), b,
                    disclosesVersion(bannerText), software, capabilities,
                    capabilities.stream().anyMatch(x -> x.equalsIgnoreCase("STARTTLS")), tls, authBeforeTls,
                    List.copyOf(authMechanisms), vrfy, expn, size, RelayVerdict.valueOf(verdict[0]), verdict[1],
                    tests, transcript.lines(), sessions, started.toString(), transcript.elapsedMs(), error);
        }

        /** open if any relay attempt was accepted; closed only if every path that ran denied the basic relay. */
        String[] relayVerdict() {
            List<ProbeTestResult> accepted = tests.stream()
                    .filter(t -> t.relayAttempt() && t.verdict() == TestVerdict.ACCEPTED).toList();
            if (!accepted.isEmpty()) {
                return new String[]{"OPEN", accepted.size() + " relay attempt(s) accepted: " + accepted.stream()
                        .map(t -> t.id() + " " + t.path().wire() + ":" + t.port() + " (" + lastReply(t) + ")")
                        .collect(Collectors.joining(", "))};
            }
            if (tests.isEmpty()) {
                return new String[]{"INCONCLUSIVE", error == null ? "no test ran" : "no test ran: " + error};
            }
            Optional<ProbeTestResult> refusedControl = tests.stream()
                    .filter(t -> t.id().equals("R00") && t.verdict() == TestVerdict.DENIED)
                    .filter(t -> !t.reason().startsWith("authentication required"))
                    .filter(t -> t.replies().isEmpty() || !ReplyClassifier.isRelayDenial(
                            new SmtpReply(0, List.of(t.replies().get(t.replies().size() - 1)), 0)))
                    .findFirst();
            if (refusedControl.isPresent()) {
                return new String[]{"INCONCLUSIVE", "positive control R00 (" + refusedControl.get().rcptTo()
                        + ") was refused (" + lastReply(refusedControl.get()) + "): the server refuses this prober "
                        + "outright, so its denials say nothing about relaying"};
            }
            List<String> open = new ArrayList<>();
            for (ProbePath p : pathsRun) {
                List<ProbeTestResult> onPath = tests.stream().filter(t -> t.path() == p && t.relayAttempt()).toList();
                boolean basicDenied = onPath.stream().anyMatch(t -> t.id().equals("R01")
                        && t.verdict() == TestVerdict.DENIED);
                boolean basicRan = onPath.stream().anyMatch(t -> t.id().equals("R01"));
                boolean anyDenied = onPath.stream().anyMatch(t -> t.verdict() == TestVerdict.DENIED);
                if (!(basicDenied || (!basicRan && anyDenied))) {
                    open.add(p.wire() + ": " + (pathFailures.containsKey(p) ? pathFailures.get(p)
                            : summary(onPath.stream().filter(t -> t.verdict() == TestVerdict.INCONCLUSIVE).toList())));
                }
            }
            if (!open.isEmpty()) {
                return new String[]{"INCONCLUSIVE", "relay not shown denied on " + String.join("; ", open)};
            }
            long relayTests = tests.stream().filter(ProbeTestResult::relayAttempt).count();
            List<ProbeTestResult> unsure = tests.stream()
                    .filter(t -> t.relayAttempt() && t.verdict() == TestVerdict.INCONCLUSIVE).toList();
            String basic = tests.stream().filter(t -> t.id().equals("R01")).findFirst().map(this::lastReply)
                    .orElse("");
            return new String[]{"CLOSED", (relayTests - unsure.size()) + " of " + relayTests
                    + " relay attempts denied on " + pathsRun.stream().map(ProbePath::wire)
                    .collect(Collectors.joining(", ")) + (basic.isEmpty() ? "" : " (R01: " + basic + ")")
                    + (unsure.isEmpty() ? "" : "; inconclusive: " + summary(unsure))};
        }

        String summary(List<ProbeTestResult> unsure) {
            if (unsure.isEmpty()) {
                return "no relay test denied";
            }
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            unsure.forEach(t -> byReason.computeIfAbsent(t.reason(), k -> new ArrayList<>()).add(t.id()));
            return byReason.entrySet().stream().map(e -> e.getKey() + " [" + String.join(" ", e.getValue()) + "]")
                    .collect(Collectors.joining("; "));
        }

        String lastReply(ProbeTestResult t) {
            return t.replies().isEmpty() ? t.reason() : t.replies().get(t.replies().size() - 1).replace('\n', ' ');
        }
    }

    static String vrfyState(SmtpReply root, SmtpReply random) {
        if (denies(root)) {
            return "disabled";
        }
        if (root.code() == 252) {
            return random.code() == 252 || random.positive() ? "ambiguous" : "enabled";
        }
        if (root.code() == 250 || root.code() == 251) {
            return random.positive() ? "ambiguous" : "enabled";
        }
        if (root.code() == 550 || root.code() == 551 || root.code() == 553) {
            return "enabled";
        }
        return "ambiguous";
    }

    static String expnState(SmtpReply root) {
        if (denies(root)) {
            return "disabled";
        }
        if (root.code() == 250 || root.code() == 550) {
            return "enabled";
        }
        return "ambiguous";
    }

    private static boolean denies(SmtpReply r) {
        return r.code() == 500 || r.code() == 502 || r.code() == 504 || r.code() == 530
                || VRFY_DENY.matcher(r.text()).find() || (r.enhanced() != null && r.enhanced().startsWith("5.7."));
    }

    static List<String> capsFrom(SmtpReply ehlo) {
        List<String> caps = new ArrayList<>();
        for (int i = 1; i < ehlo.lines().size(); i++) {
            String l = ehlo.lines().get(i);
            if (l.length() > 4) {
                caps.add(l.substring(4).trim());
            }
        }
        return caps;
    }

    static List<String> authFrom(List<String> caps) {
        Set<String> mechs = new LinkedHashSet<>();
        for (String c : caps) {
            String u = c.toUpperCase(Locale.ROOT);
            if (u.startsWith("AUTH ") || u.startsWith("AUTH=")) {
                for (String m : c.substring(5).trim().split("\\s+")) {
                    if (!m.isEmpty()) {
                        mechs.add(m.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return List.copyOf(mechs);
    }

    static Long sizeFrom(List<String> caps) {
        for (String c : caps) {
            String[] p = c.trim().split("\\s+");
            if (p[0].equalsIgnoreCase("SIZE")) {
                try {
                    return p.length > 1 ? Long.parseLong(p[1]) : 0L;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The host name a banner or EHLO line announces: the first token after the code, if it looks like one. */
    static String hostFrom(String line) {
        if (line.length() < 5) {
            return null;
        }
        String token = line.substring(4).trim().split("\\s+")[0];
        return HOST.matcher(token).matches() ? token.replaceAll("\\.$", "") : null;
    }

    /** Whether the banner (beyond its host name) names a version number. */
    static boolean disclosesVersion(String bannerLine) {
        if (bannerLine.length() < 5) {
            return false;
        }
        String rest = bannerLine.substring(4).trim();
        String[] parts = rest.split("\\s+", 2);
        String afterHost = hostFrom(bannerLine) != null && parts.length > 1 ? parts[1] : hostFrom(bannerLine) != null
                ? "" : rest;
        Matcher m = VERSION.matcher(afterHost);
        return m.find();
    }

    static String softwareIn(String bannerLine) {
        Matcher m = SOFTWARE.matcher(bannerLine);
        return m.find() ? m.group(1) : null;
    }
}
