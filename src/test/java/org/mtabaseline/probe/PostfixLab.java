package org.mtabaseline.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private instance of Debian's real Postfix for tests and the benchmark: its own config, queue and data
 * directories under target/, every posture a separate smtpd listener on its own loopback address (master.cf
 * {@code -o} overrides, as operators set restrictions per service). Mail can never leave the machine: every
 * transport is {@code discard}. Needs root (Postfix drops to the postfix user) and the postfix package.
 */
public final class PostfixLab implements AutoCloseable {

    /** One listener: address, port and the master.cf overrides that make its posture. */
    public record Posture(String name, String address, int port, RelayVerdict expected, List<String> overrides) {
        /** master.cf service name: IPv6 addresses in brackets, as Postfix writes them. */
        public String label() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    public static final String POSTFIX = "/usr/sbin/postfix";

    private final Path dir;
    private final List<Posture> postures;
    private boolean started;

    private PostfixLab(Path dir, List<Posture> postures) {
        this.dir = dir;
        this.postures = List.copyOf(postures);
    }

    public List<Posture> postures() {
        return postures;
    }

    public Path dir() {
        return dir;
    }

    public Path cert() {
        return dir.resolve("conf/cert.pem");
    }

    public String maillog() throws IOException {
        Path p = dir.resolve("maillog");
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    /** Files in the queue (incoming, active, deferred, ...): mail that Postfix still holds. */
    public long queuedMessages() throws IOException {
        long n = 0;
        for (String q : List.of("maildrop", "incoming", "active", "deferred", "hold", "corrupt")) {
            Path p = dir.resolve("queue").resolve(q);
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    n += s.filter(Files::isRegularFile).count();
                }
            }
        }
        return n;
    }

    /**
     * Queue files after Postfix has settled: cleanup(8) removes an aborted message's incoming file a moment
     * after smtpd logs the lost connection, so count again until empty or {@code waitMillis} have passed.
     */
    public long queuedMessagesAfterSettling(long waitMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        long n = queuedMessages();
        while (n > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            n = queuedMessages();
        }
        return n;
    }

    /** A free port on every listed loopback address (so all postures can share one port number). */
    public static int freePort(List<String> addresses, int from) {
        for (int port = from; port < from + 2000; port++) {
            boolean free = true;
            for (String a : addresses) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.getByName(a), port));
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no free port from " + from + " on " + addresses);
    }

    /** Writes main.cf/master.cf and a self-signed certificate, then starts the instance and waits for every port. */
    public static PostfixLab start(Path dir, List<Posture> postures) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(POSTFIX))) {
            throw new IllegalStateException("Postfix is not installed (" + POSTFIX + "). Install Debian's package "
                    + "without a system instance: echo 'postfix postfix/main_mailer_type select No configuration' "
                    + "| debconf-set-selections && apt-get install -y postfix  (or run .ci/run)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Postfix lab must run as root (Postfix's master drops privileges "
                    + "to the postfix user); running as " + System.getProperty("user.name"));
        }
        PostfixLab lab = new PostfixLab(dir.toAbsolutePath(), postures);
        lab.stopQuietly(); // a previous run killed mid-way may have left this instance running
        lab.write();
        lab.run(List.of(POSTFIX, "-c", lab.dir.resolve("conf").toString(), "start"));
        lab.started = true;
        for (Posture p : postures) {
            lab.await(p);
        }
        return lab;
    }

    private void write() throws IOException, InterruptedException {
        Path conf = dir.resolve("conf");
        Path queue = dir.resolve("queue");
        Path data = dir.resolve("data");
        Files.createDirectories(conf.resolve("sasl"));
        Files.createDirectories(queue);
        Files.createDirectories(data);
        Files.deleteIfExists(dir.resolve("maillog"));
        UserPrincipal postfix = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        Files.setOwner(data, postfix);
        if (!Files.exists(cert())) {
            run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
                    "-subj", "/CN=mx.probe.test", "-keyout", conf.resolve("key.pem").toString(),
                    "-out", cert().toString()));
        }
        Files.writeString(conf.resolve("sasl/smtpd.conf"), "pwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
                + "mech_list: PLAIN LOGIN CRAM-MD5\nsasldb_path: " + conf.resolve("sasl/sasldb2") + "\n");
        String main = String.join("\n",
                "# generated by PostfixLab: a private, loopback-only instance; every transport discards",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "myhostname = mx.probe.test",
                "mydomain = probe.test",
                "mydestination = $myhostname, localhost",
                "inet_interfaces = 127.0.0.1",
                // IPv6 only when a posture listens on ::1 (master.cf binds each posture to its own address).
                "inet_protocols = " + (postures.stream().anyMatch(p -> p.address().contains(":")) ? "ipv4, ipv6" : "ipv4"),
                // The server's own address only: the prober's 127.0.0.1 is NOT trusted by default.
                "mynetworks = 127.0.0.2/32",
                "local_recipient_maps =",
                "alias_maps =",
                "alias_database =",
                "local_transport = discard:",
                "default_transport = discard:",
                "relay_transport = discard:",
                "virtual_transport = discard:",
                "smtpd_peername_lookup = no",
                // Probes open a queue file at every accepted RCPT and never deliver, which drains Postfix's
                // inflow tokens; without this every accepted RCPT then waits 1 s (for any client, nmap too).
                "in_flow_delay = 0",
                "disable_dns_lookups = yes",
                "smtp_dns_support_level = disabled",
                "biff = no",
                "maillog_file_prefixes = " + dir,
                "maillog_file = " + dir.resolve("maillog"),
                "syslog_name = postfix-lab",
                "multi_instance_name = postfix-lab",
                "cyrus_sasl_config_path = " + conf.resolve("sasl"),
                "smtpd_tls_cert_file = " + cert(),
                "smtpd_tls_key_file = " + conf.resolve("key.pem"),
                "") + "\n";
        Files.writeString(conf.resolve("main.cf"), main);
        StringBuilder master = new StringBuilder("""
                pickup    unix  n - n 60 1 pickup
                cleanup   unix  n - n - 0 cleanup
                qmgr      unix  n - n 300 1 qmgr
                tlsmgr    unix  - - n 1000? 1 tlsmgr
                rewrite   unix  - - n - - trivial-rewrite
                bounce    unix  - - n - 0 bounce
                defer     unix  - - n - 0 bounce
                trace     unix  - - n - 0 bounce
                verify    unix  - - n - 1 verify
                flush     unix  n - n 1000? 0 flush
                proxymap  unix  - - n - - proxymap
                error     unix  - - n - - error
                retry     unix  - - n - - error
                discard   unix  - - n - - discard
                anvil     unix  - - n - 1 anvil
                scache    unix  - - n - 1 scache
                postlog   unix-dgram n - n - 1 postlogd
                """);
        for (Posture p : postures) {
            master.append("# posture ").append(p.name()).append(" (expected ").append(p.expected().wire())
                    .append(")\n").append(p.label()).append(" inet n - n - - smtpd\n");
            for (String o : p.overrides()) {
                master.append("  -o ").append(o.contains(" ") ? "{ " + o + " }" : o).append('\n');
            }
        }
        Files.writeString(conf.resolve("master.cf"), master.toString());
    }

    private void await(Posture p) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(p.address()), p.port()), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Postfix listener " + p.name() + " on " + p.label()
                + " did not come up; see " + dir.resolve("maillog") + "\n" + maillog());
    }

    private void run(List<String> cmd) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!pr.waitFor(60, TimeUnit.SECONDS) || pr.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out + "\n" + maillog());
        }
    }

    private void stopQuietly() {
        Path conf = dir.resolve("conf");
        if (Files.exists(conf.resolve("main.cf"))) {
            try {
                Process pr = new ProcessBuilder(POSTFIX, "-c", conf.toString(), "stop").redirectErrorStream(true)
                        .start();
                pr.getInputStream().readAllBytes();
                pr.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // not running
            }
        }
    }

    @Override
    public void close() {
        if (started) {
            stopQuietly();
            started = false;
        }
    }

    /** Builds the standard postures on the given addresses (tests and benchmark share them). */
    public static List<Posture> standardPostures(List<String> addresses, int port) {
        List<Posture> out = new ArrayList<>();
        String[][] defs = {
                // name, expected, overrides separated by ';'
                {"open-mynetworks", "OPEN", "mynetworks = 0.0.0.0/0"},
                {"closed-default", "CLOSED", ""},
                {"auth-only", "CLOSED", "smtpd_sasl_auth_enable=yes;smtpd_relay_restrictions = "
                        + "permit_sasl_authenticated, reject_unauth_destination"},
                {"trusted-network-only", "CLOSED", "mynetworks = 10.0.0.0/8;smtpd_relay_restrictions = "
                        + "permit_mynetworks, reject_unauth_destination"},
                {"deferring", "CLOSED", "smtpd_relay_restrictions=;smtpd_recipient_restrictions = "
                        + "permit_mynetworks, defer_unauth_destination"},
                {"open-recipient-table", "OPEN", "smtpd_relay_restrictions = permit_mynetworks, "
                        + "check_recipient_access static:OK, reject_unauth_destination"},
                {"open-localhost-sender", "OPEN", "smtpd_relay_restrictions = permit_mynetworks, "
                        + "check_sender_access inline:{localhost=OK}, reject_unauth_destination"},
                {"closed-reject-strict-limits", "CLOSED", "smtpd_relay_restrictions = permit_mynetworks, "
                        + "reject_unauth_destination;smtpd_hard_error_limit=4;smtpd_soft_error_limit=2"},
        };
        for (int i = 0; i < defs.length && i < addresses.size(); i++) {
            List<String> o = defs[i][2].isEmpty() ? List.of() : List.of(defs[i][2].split(";"));
            out.add(new Posture(defs[i][0], addresses.get(i), port, RelayVerdict.valueOf(defs[i][1]), o));
        }
        return out;
    }
}
