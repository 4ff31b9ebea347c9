package org.mtabaseline.bench;

import org.mtabaseline.probe.FleetProbe;
import org.mtabaseline.probe.PostfixLab;
import org.mtabaseline.probe.ProbeLimits;
import org.mtabaseline.probe.ProbeOptions;
import org.mtabaseline.probe.ProbeReport;
import org.mtabaseline.probe.ProbeTarget;
import org.mtabaseline.probe.Prober;
import org.mtabaseline.probe.RelayVerdict;
import org.mtabaseline.probe.Scope;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probe vs nmap smtp-open-relay over eight real Postfix postures on loopback port 25 (one private instance, one
 * address per posture). Each round runs the service's full battery over the fleet (concurrently, default limits)
 * and one {@code nmap -Pn -p 25 --script smtp-open-relay} over the same addresses; after a warm-up round the
 * medians of the timed rounds are reported with each tool's verdicts against the real posture.
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=org.mtabaseline.bench.ProbeVsNmapBenchmark
 * (root, Debian postfix and nmap installed; optional -Dbench.args=ROUNDS).
 */
public final class ProbeVsNmapBenchmark {

    private static final Pattern HOST = Pattern.compile("^Nmap scan report for (\\S+)");
    private static final Pattern RESULT = Pattern.compile("smtp-open-relay: (.*)$");
    private static final Pattern COUNT = Pattern.compile("\\((\\d+)/(\\d+) tests\\)");

    record NmapResult(RelayVerdict verdict, String text) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0]) : 5;
        List<String> addrs = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14", "127.0.0.15",
                "127.0.0.16", "127.0.0.17", "127.0.0.18");
        List<PostfixLab.Posture> postures = PostfixLab.standardPostures(addrs, 25);
        try (PostfixLab lab = PostfixLab.start(Path.of("target", "postfix-lab-bench"), postures)) {
            Scope scope = Scope.of(List.of("127.0.0.0/8"));
            List<ProbeTarget> targets = postures.stream().map(p -> scope.admit(p.address(), p.port())).toList();
            ProbeOptions options = ProbeOptions.defaults().withSourceAddress(InetAddress.getByName("127.0.0.1"));
            FleetProbe fleet = new FleetProbe(new Prober(new ProbeLimits(16)));
            List<String> nmapCmd = new ArrayList<>(List.of("nmap", "-Pn", "-n", "-p", "25", "--script",
                    "smtp-open-relay"));
            nmapCmd.addAll(addrs);

            long[] ours = new long[rounds];
            long[] theirs = new long[rounds];
            List<ProbeReport> reports = null;
            Map<String, NmapResult> nmap = null;
            for (int round = -1; round < rounds; round++) { // round -1 warms both up (smtpd processes, JIT)
                long t0 = System.nanoTime();
                reports = fleet.run(targets, options);
                long a = System.nanoTime() - t0;
                t0 = System.nanoTime();
                nmap = runNmap(nmapCmd);
                long b = System.nanoTime() - t0;
                if (round >= 0) {
                    ours[round] = a;
                    theirs[round] = b;
                }
                System.out.printf(Locale.ROOT, "round %d: probe %.0f ms, nmap %.0f ms%n", round, a / 1e6, b / 1e6);
                if (System.getenv("BENCH_VERBOSE") != null) {
                    for (ProbeReport r : reports) {
                        r.transcript().stream().filter(l -> l.latencyMs() != null && l.latencyMs() > 300
                                || l.dir().equals("*") && !l.line().startsWith("connect"))
                                .forEach(l -> System.out.println("  " + r.target() + " " + l));
                    }
                }
            }
            double oursMs = median(ours) / 1e6;
            double nmapMs = median(theirs) / 1e6;
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "Fleet of %d Postfix %s postures, %d timed rounds after one "
                    + "warm-up; wall time per round, median (min-max):%n%n", postures.size(),
                    version(), rounds));
            md.append("| tool | wall time | tests per target | verdicts = real posture |\n|---|---|---|---|\n");
            int oursOk = 0, nmapOk = 0;
            for (int i = 0; i < postures.size(); i++) {
                oursOk += reports.get(i).relay() == postures.get(i).expected() ? 1 : 0;
                NmapResult n = nmap.get(postures.get(i).address());
                nmapOk += n != null && n.verdict() == postures.get(i).expected() ? 1 : 0;
            }
            long testsPerTarget = reports.stream().mapToLong(r -> r.tests().size()).min().orElse(0);
            md.append(String.format(Locale.ROOT, "| mta-baseline probe (full battery R00-R24, evidence, fleet "
                    + "concurrent) | %.0f ms (%.0f-%.0f) | %d | %d/%d |%n", oursMs, min(ours) / 1e6, max(ours) / 1e6,
                    testsPerTarget, oursOk, postures.size()));
            md.append(String.format(Locale.ROOT, "| `%s` | %.0f ms (%.0f-%.0f) | 16 | %d/%d |%n",
                    String.join(" ", nmapCmd), nmapMs, min(theirs) / 1e6, max(theirs) / 1e6, nmapOk,
                    postures.size()));
            md.append(String.format(Locale.ROOT, "%n**Ratio: the probe is %.1fx faster than nmap over the fleet.**"
                    + "%n%n", nmapMs / oursMs));
            md.append("| posture (master.cf overrides) | real posture | probe verdict (accepted attempts, "
                    + "sessions, ms) | nmap verdict |\n|---|---|---|---|\n");
            for (int i = 0; i < postures.size(); i++) {
                PostfixLab.Posture p = postures.get(i);
                ProbeReport r = reports.get(i);
                NmapResult n = nmap.get(p.address());
                long accepted = r.tests().stream().filter(t -> t.relayAttempt()
                        && t.verdict().wire().equals("accepted")).count();
                md.append(String.format(Locale.ROOT, "| %s `%s` | %s | %s%s (%d, %d, %d) | %s%s: %s |%n",
                        p.name(), String.join("; ", p.overrides()).replace("|", "\\|"), p.expected().wire(),
                        r.relay().wire(), r.relay() == p.expected() ? "" : " **WRONG**", accepted, r.sessions(),
                        r.durationMs(), n == null ? "none" : n.verdict().wire(),
                        n != null && n.verdict() == p.expected() ? "" : " **WRONG**",
                        n == null ? "" : n.text()));
            }
            System.out.println();
            System.out.println(md);
            Path out = Path.of("target", "probe-benchmark.md");
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
            System.out.println("written to " + out.toAbsolutePath());
        }
    }

    static Map<String, NmapResult> runNmap(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("nmap failed: " + out);
        }
        Map<String, NmapResult> results = new LinkedHashMap<>();
        String host = null;
        for (String line : out.split("\n")) {
            Matcher h = HOST.matcher(line);
            if (h.find()) {
                host = h.group(1);
                continue;
            }
            Matcher r = RESULT.matcher(line);
            if (r.find() && host != null) {
                String text = r.group(1).trim();
                Matcher c = COUNT.matcher(text);
                RelayVerdict v = text.startsWith("Server is an open relay") && c.find() ? RelayVerdict.OPEN
                        : text.startsWith("Server doesn't seem to be an open relay") ? RelayVerdict.CLOSED
                        : RelayVerdict.INCONCLUSIVE;
                results.put(host, new NmapResult(v, text.replace("|", "\\|")));
            }
        }
        return results;
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("/usr/sbin/postconf", "-d", "-h", "mail_version").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    static long min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
