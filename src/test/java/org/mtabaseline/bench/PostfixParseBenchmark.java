package org.mtabaseline.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Collecting a 1 MiB Postfix configuration (main.cf + master.cf together) into facts: parse, expand, defaults,
 * listeners and normalized relay rules. Target: median <= 50 ms. Run:
 * {@code ./mvnw -B -Pbench test-compile exec:exec -Dbench=PostfixParseBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PostfixParseBenchmark {
    static final int TOTAL_BYTES = 1 << 20;
    List<ConfigFile> files;

    @Setup
    public void setup() {
        files = generate(TOTAL_BYTES);
    }

    @Benchmark
    public CollectedFacts collectOneMebibyteMainAndMaster() {
        return Collectors.collect("postfix", files);
    }

    /** A main.cf of ~3/4 and a master.cf of ~1/4 of {@code total} characters, shaped like real ones. */
    public static List<ConfigFile> generate(int total) {
        StringBuilder main = new StringBuilder();
        main.append("compatibility_level = 3.6\nmyhostname = mx.example.org\nmydomain = example.org\n")
                .append("mydestination = $myhostname, localhost.$mydomain, localhost\n")
                .append("mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128 192.0.2.0/24\n")
                .append("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination\n")
                .append("smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated,\n")
                .append("    reject_unauth_destination, reject_unknown_recipient_domain,\n")
                .append("    check_policy_service unix:private/policy\n")
                .append("smtpd_sender_restrictions = reject_non_fqdn_sender, reject_unknown_sender_domain\n");
        int i = 0;
        while (main.length() < total * 3 / 4) {
            main.append("# setting ").append(i).append(": tuned for the workload of this relay, see the runbook\n");
            main.append("custom_param_").append(i).append(" = ${myhostname} $mydomain value_").append(i);
            if (i % 5 == 0) {
                main.append(",\n    continued_value_").append(i).append(", ${custom_param_").append(Math.max(0, i - 1))
                        .append("?{set}:{unset}}");
            }
            main.append('\n');
            i++;
        }
        StringBuilder master = new StringBuilder();
        master.append("smtp      inet  n       -       y       -       -       smtpd\n")
                .append("submission inet n       -       y       -       -       smtpd\n")
                .append("  -o syslog_name=postfix/submission\n  -o smtpd_tls_security_level=encrypt\n")
                .append("  -o smtpd_sasl_auth_enable=yes\n")
                .append("  -o { smtpd_relay_restrictions = permit_sasl_authenticated, reject }\n")
                .append("smtps     inet  n       -       y       -       -       smtpd\n  -o smtpd_tls_wrappermode=yes\n");
        int s = 0;
        while (master.length() < total / 4) {
            master.append("# transport ").append(s).append(" for a partner route\n");
            master.append("relay").append(s).append("    unix  -       -       y       -       -       smtp\n")
                    .append("  -o smtp_helo_timeout=5 -o smtp_connect_timeout=5\n")
                    .append("  -o syslog_name=postfix/relay").append(s).append('\n');
            s++;
        }
        return List.of(new ConfigFile("/etc/postfix/main.cf", main.toString()),
                new ConfigFile("/etc/postfix/master.cf", master.toString()));
    }
}
