package org.mtabaseline.probe;

import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.smtp.SMTPConnectionClosedException;
import org.apache.commons.net.smtp.SMTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SMTP connection driven through Apache Commons Net: every line goes to the {@link Transcript}, every reply is
 * returned as an {@link SmtpReply}, and every way a server can misbehave (silence, drop, garbage, a slow dribble)
 * ends in a {@link ProbeFailure} within the read timeout or the target's total deadline.
 */
final class SmtpSession implements AutoCloseable {

    /** Commons Net's SMTPS client with access to the socket (for the TLS session and the watchdog). */
    private static final class Client extends SMTPSClient {
        Client(boolean implicit) {
            super(implicit);
        }

        Socket socket() {
            return _socket_;
        }

        SSLSession tlsSession() {
            return _socket_ instanceof SSLSocket s ? s.getSession() : null;
        }
    }

    static final long SLOW_REPLY_MS = 500;
    static final long QUIT_WAIT_MS = 250;

    private final Client client;
    private final Transcript transcript;
    private final int number;
    private final ProbePath path;
    private final int port;
    private final Instant deadline;
    private final Duration readTimeout;
    private volatile boolean expired;
    private volatile Socket raw;
    private ScheduledFuture<?> watchdog;
    private boolean alive;
    private boolean inTransaction;
    private int errors;
    private long fastestMs = Long.MAX_VALUE;
    private int slowAfterErrors;
    private long sentAt;
    private int lastReplyCode;
    private SmtpReply banner;
    private TlsDetails tls;

    private SmtpSession(ProbeTarget target, ProbePath path, int number, Transcript transcript, Instant deadline,
                        Duration readTimeout) {
        this.client = new Client(path == ProbePath.IMPLICIT_TLS);
        this.path = path;
        this.port = target.port();
        this.number = number;
        this.transcript = transcript;
        this.deadline = deadline;
        this.readTimeout = readTimeout;
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setHostnameVerifier(null);
        client.setEndpointCheckingEnabled(false);
        client.addProtocolCommandListener(new ProtocolCommandListener() {
            @Override
            public void protocolCommandSent(ProtocolCommandEvent e) {
                sentAt = System.nanoTime();
                transcript.add(number, path, port, "C", Transcript.mask(e.getMessage(), lastReplyCode == 334), null);
            }

            @Override
            public void protocolReplyReceived(ProtocolCommandEvent e) {
                lastReplyCode = e.getReplyCode();
                long latency = (System.nanoTime() - sentAt) / 1_000_000;
                boolean firstLine = true;
                for (String l : e.getMessage().split("\r?\n")) {
                    transcript.add(number, path, port, "S", l, firstLine ? latency : null);
                    firstLine = false;
                }
            }
        });
    }

    /** Connects, reads the banner (and does the TLS handshake first for implicit TLS). */
    static SmtpSession open(ProbeTarget target, ProbePath path, int number, ProbeOptions o, Transcript transcript,
                            Instant deadline, ScheduledExecutorService timer) throws ProbeFailure {
        SmtpSession s = new SmtpSession(target, path, number, transcript, deadline, o.readTimeout());
        long remaining = s.remainingMs();
        if (remaining <= 0) {
            throw new ProbeFailure(ProbeFailure.Kind.TIMEOUT, "total timeout reached before connecting");
        }
        s.watchdog = timer.schedule(s::expire, remaining, TimeUnit.MILLISECONDS);
        s.client.setConnectTimeout((int) Math.min(o.connectTimeout().toMillis(), remaining));
        s.client.setDefaultTimeout((int) Math.min(o.readTimeout().toMillis(), remaining));
        transcript.add(number, path, target.port(), "*", "connect " + target.address().getHostAddress() + " port "
                + target.port() + (path == ProbePath.IMPLICIT_TLS ? " (implicit TLS)" : ""), null);
        s.sentAt = System.nanoTime();
        try {
            s.client.connect(target.address(), target.port(), o.sourceAddress().orElse(null), 0);
        } catch (SocketTimeoutException e) {
            s.close();
            throw s.note(new ProbeFailure(ProbeFailure.Kind.TIMEOUT, s.expired ? "total timeout reached"
                    : "no banner within " + o.readTimeout().toMillis() + " ms (or connect timeout)"));
        } catch (MalformedServerReplyException e) {
            s.close();
            throw s.note(new ProbeFailure(ProbeFailure.Kind.MALFORMED, oneLine(e.getMessage())));
        } catch (SMTPConnectionClosedException e) {
            s.banner = s.reply();
            s.close();
            throw s.note(new ProbeFailure(ProbeFailure.Kind.REFUSED, "server closed the session at the banner: "
                    + s.banner.asText()));
        } catch (IOException e) {
            s.close();
            ProbeFailure.Kind kind = s.expired ? ProbeFailure.Kind.TIMEOUT
                    : (path == ProbePath.IMPLICIT_TLS && s.client.isConnected()) ? ProbeFailure.Kind.TLS
                    : ProbeFailure.Kind.CONNECT;
            throw s.note(new ProbeFailure(kind, s.expired ? "total timeout reached" : oneLine(e.toString())));
        }
        s.raw = s.client.socket();
        s.alive = true;
        s.banner = s.reply();
        if (s.banner.error()) {
            s.errors++;
        }
        if (path == ProbePath.IMPLICIT_TLS) {
            s.tls = s.tlsDetails((System.nanoTime() - s.sentAt) / 1_000_000);
            transcript.add(number, path, s.port, "*", "TLS " + s.tls.protocol() + " " + s.tls.cipher(), null);
        }
        return s;
    }

    SmtpReply banner() {
        return banner;
    }

    TlsDetails tls() {
        return tls;
    }

    int number() {
        return number;
    }

    int errors() {
        return errors;
    }

    boolean alive() {
        return alive;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    void beginTransaction() {
        inTransaction = true;
    }

    /** Sends one command line and returns the reply; a 421 or a hang-up ends the session with a DROPPED failure. */
    SmtpReply send(String verb, String args) throws ProbeFailure {
        if (!alive) {
            throw new ProbeFailure(ProbeFailure.Kind.DROPPED, "session already closed");
        }
        long remaining = remainingMs();
        if (remaining <= 0) {
            close();
            throw note(new ProbeFailure(ProbeFailure.Kind.TIMEOUT, "total timeout reached"));
        }
        try {
            client.setSoTimeout((int) Math.min(readTimeout.toMillis(), remaining));
            if (args == null) {
                client.sendCommand(verb);
            } else {
                client.sendCommand(verb, args);
            }
        } catch (SMTPConnectionClosedException e) {
            if (client.getReplyCode() == 421 && e.getMessage() != null && e.getMessage().contains("421")) {
                // 421 is the server hanging up (overload, error limit): not an answer to this command.
                SmtpReply r = reply();
                close();
                throw note(new ProbeFailure(ProbeFailure.Kind.DROPPED, "server closed the session: " + r.asText()));
            }
            close();
            throw note(new ProbeFailure(ProbeFailure.Kind.DROPPED, "server closed the connection"));
        } catch (SocketTimeoutException e) {
            close();
            throw note(new ProbeFailure(ProbeFailure.Kind.TIMEOUT, expired ? "total timeout reached"
                    : "no reply to " + verb + " within " + readTimeout.toMillis() + " ms"));
        } catch (MalformedServerReplyException e) {
            close();
            throw note(new ProbeFailure(ProbeFailure.Kind.MALFORMED, oneLine(e.getMessage())));
        } catch (IOException | RuntimeException e) {
            close();
            throw note(new ProbeFailure(expired ? ProbeFailure.Kind.TIMEOUT : ProbeFailure.Kind.DROPPED,
                    expired ? "total timeout reached" : oneLine(e.toString())));
        }
        SmtpReply r = reply();
        // An accepted RCPT may legitimately wait (Postfix in_flow_delay when opening the queue file).
        if (!(r.positive() && "RCPT".equalsIgnoreCase(verb))) {
            noteLatency(r);
        }
        if (r.error()) {
            errors++;
        }
        return r;
    }

    /**
     * Spots an error tarpit (Postfix sleeps smtpd_error_sleep_time before every reply once the session has made
     * smtpd_soft_error_limit errors): a reply that is suddenly slow after errors were made.
     */
    private void noteLatency(SmtpReply r) {
        long ms = r.latencyMillis();
        if (slowAfterErrors == 0 && errors > 0 && ms >= SLOW_REPLY_MS && ms >= 4 * fastestMs) {
            slowAfterErrors = errors;
            transcript.add(number, path, port, "*", "reply slowed to " + ms + " ms after " + errors
                    + " errors: the server tarpits erring clients; reconnecting earlier from now on", null);
        }
        fastestMs = Math.min(fastestMs, Math.max(1, ms));
    }

    /** The error count after which the server began to slow its replies, or 0. */
    int slowAfterErrors() {
        return slowAfterErrors;
    }

    /** STARTTLS and the handshake; the certificate is recorded, never checked (self-signed is evidence too). */
    TlsDetails startTls() throws ProbeFailure {
        long t = System.nanoTime();
        boolean ok;
        try {
            client.setSoTimeout((int) Math.min(readTimeout.toMillis(), Math.max(1, remainingMs())));
            ok = client.execTLS();
        } catch (IOException | RuntimeException e) {
            close();
            tls = TlsDetails.failed(ProbePath.STARTTLS, port, oneLine(e.toString()));
            throw note(new ProbeFailure(expired ? ProbeFailure.Kind.TIMEOUT : ProbeFailure.Kind.TLS,
                    "STARTTLS handshake failed: " + oneLine(e.toString())));
        }
        if (!ok) {
            tls = TlsDetails.failed(ProbePath.STARTTLS, port, "STARTTLS refused: " + reply().asText());
            throw note(new ProbeFailure(ProbeFailure.Kind.TLS, "STARTTLS refused: " + reply().asText()));
        }
        raw = client.socket();
        tls = tlsDetails((System.nanoTime() - t) / 1_000_000);
        transcript.add(number, path, port, "*", "TLS " + tls.protocol() + " " + tls.cipher(), null);
        return tls;
    }

    /** Sends a short message body after a 354 and returns the end-of-data reply (sink mode only). */
    SmtpReply sendBody(String body) throws ProbeFailure {
        try {
            client.setSoTimeout((int) Math.min(readTimeout.toMillis(), Math.max(1, remainingMs())));
            var w = new org.apache.commons.net.io.DotTerminatedMessageWriter(
                    new java.io.OutputStreamWriter(client.socket().getOutputStream(),
                            java.nio.charset.StandardCharsets.US_ASCII));
            transcript.add(number, path, port, "C", "(message body, " + body.length() + " characters)", null);
            w.write(body);
            w.close();
            sentAt = System.nanoTime();
            client.getReply();
        } catch (IOException | RuntimeException e) {
            close();
            throw note(new ProbeFailure(expired ? ProbeFailure.Kind.TIMEOUT : ProbeFailure.Kind.DROPPED,
                    oneLine(e.toString())));
        }
        SmtpReply r = reply();
        if (r.error()) {
            errors++;
        }
        inTransaction = false;
        return r;
    }

    /** Hangs up without a message body (confirm mode after 354, as Tenable does): no mail can come of it. */
    void abort(String why) {
        transcript.add(number, path, port, "*", "hang up: " + why, null);
        close();
    }

    /**
     * QUIT politely when the session is still usable, then close. The reply is awaited only briefly: a server that
     * tarpits erring clients delays even its 221, and the QUIT has been said either way.
     */
    void quit() {
        quit(true);
    }

    /**
     * @param awaitReply false when leaving a server that tarpits erring clients: QUIT is written and the
     *                   connection closed at once, since its 221 would only come after the tarpit delay
     */
    void quit(boolean awaitReply) {
        if (alive && !awaitReply) {
            try {
                client.socket().getOutputStream().write("QUIT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                client.socket().getOutputStream().flush();
                transcript.add(number, path, port, "C", "QUIT", null);
                transcript.add(number, path, port, "*", "closed without awaiting the 221 (tarpit)", null);
            } catch (IOException | RuntimeException ignored) {
                // the session ends either way
            }
            close();
            return;
        }
        if (alive) {
            try {
                client.setSoTimeout((int) Math.min(QUIT_WAIT_MS, Math.max(1, remainingMs())));
                client.sendCommand("QUIT");
            } catch (IOException | RuntimeException ignored) {
                // the session ends either way
            }
        }
        close();
    }

    @Override
    public void close() {
        alive = false;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // closing a broken socket may fail; nothing to keep
        }
    }

    private void expire() {
        expired = true;
        Socket s = raw != null ? raw : client.socket();
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the blocked reader sees the close either way
            }
        }
    }

    private long remainingMs() {
        return Duration.between(Instant.now(), deadline).toMillis();
    }

    private SmtpReply reply() {
        String[] lines = client.getReplyStrings();
        return new SmtpReply(client.getReplyCode(), lines == null ? List.of() : Arrays.asList(lines),
                (System.nanoTime() - sentAt) / 1_000_000);
    }

    private ProbeFailure note(ProbeFailure f) {
        transcript.add(number, path, port, "*", f.reason(), null);
        return f;
    }

    private TlsDetails tlsDetails(long handshakeMs) {
        SSLSession ssl = client.tlsSession();
        if (ssl == null) {
            return TlsDetails.failed(path, port, "no TLS session");
        }
        String subject = null, issuer = null, notAfter = null;
        Boolean selfSigned = null;
        try {
            Certificate[] chain = ssl.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate c) {
                subject = c.getSubjectX500Principal().getName();
                issuer = c.getIssuerX500Principal().getName();
                notAfter = c.getNotAfter().toInstant().toString();
                selfSigned = isSelfSigned(c);
            }
        } catch (IOException e) {
            // anonymous cipher suites carry no certificate; keep the protocol and cipher
        }
        return new TlsDetails(path == ProbePath.PLAIN ? ProbePath.STARTTLS : path, port, ssl.getProtocol(),
                ssl.getCipherSuite(), subject, issuer, notAfter, selfSigned, handshakeMs, null);
    }

    private static boolean isSelfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
