package org.mtabaseline.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny SMTP server whose every answer is scripted, for behaviours real Postfix cannot easily show: greylisting,
 * 252 to everything, a tarpit, hanging up after N errors, multi-line and malformed replies, refusal at DATA.
 * A reply function returning null means "say nothing" (tarpit). Records every line it receives.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** The scripted answers; each function gets the command argument and returns the raw reply (CRLF-joined). */
    public static final class Script {
        String banner = "220 mx.scripted.test ESMTP";
        List<String> ehlo = List.of("250-mx.scripted.test", "250-PIPELINING", "250-SIZE 1000000", "250 8BITMIME");
        Function<String, String> mail = a -> "250 2.1.0 Ok";
        Function<String, String> rcpt = a -> "554 5.7.1 Relay access denied";
        Function<String, String> vrfy = a -> "502 5.5.1 VRFY command is disabled";
        String data = "354 End data with <CR><LF>.<CR><LF>";
        int dropAfterErrors;

        public Script banner(String b) {
            banner = b;
            return this;
        }

        public Script ehlo(String... lines) {
            ehlo = List.of(lines);
            return this;
        }

        public Script mail(Function<String, String> f) {
            mail = f;
            return this;
        }

        public Script rcpt(Function<String, String> f) {
            rcpt = f;
            return this;
        }

        public Script vrfy(Function<String, String> f) {
            vrfy = f;
            return this;
        }

        public Script data(String d) {
            data = d;
            return this;
        }

        public Script dropAfterErrors(int n) {
            dropAfterErrors = n;
            return this;
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public ScriptedSmtpServer(Script script) throws IOException {
        this(InetAddress.getLoopbackAddress(), script);
    }

    public ScriptedSmtpServer(InetAddress bind, Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, 0));
        Thread t = new Thread(this::acceptLoop, "scripted-smtp-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    public int connections() {
        return connections.get();
    }

    /** Every line received, prefixed with the connection number: "1 MAIL FROM:<a@b>". */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s, n), "scripted-smtp-conn-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int n) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            if (script.banner == null) {
                // Tarpit: hold the connection, never say a word.
                while (in.read() >= 0) {
                    // swallow whatever the client sends
                }
                return;
            }
            write(out, script.banner);
            int errors = 0;
            boolean challenged = false;
            String line;
            while ((line = in.readLine()) != null) {
                received.add(n + " " + line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                String arg = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
                String reply;
                if (challenged) {
                    challenged = false;
                    reply = "535 5.7.8 Error: authentication failed";
                } else {
                    switch (verb) {
                        case "EHLO" -> reply = String.join("\r\n", script.ehlo);
                        case "HELO" -> reply = "250 mx.scripted.test";
                        case "MAIL" -> reply = script.mail.apply(arg);
                        case "RCPT" -> reply = script.rcpt.apply(arg);
                        case "VRFY" -> reply = script.vrfy.apply(arg);
                        case "EXPN" -> reply = "502 5.5.2 Error: command not recognized";
                        case "RSET", "NOOP" -> reply = "250 2.0.0 Ok";
                        case "QUIT" -> {
                            write(out, "221 2.0.0 Bye");
                            return;
                        }
                        case "AUTH" -> {
                            if (arg.toUpperCase(Locale.ROOT).startsWith("CRAM-MD5")) {
                                challenged = true;
                                reply = "334 PDEyMzQ1Ni4xMjM0QG14LnNjcmlwdGVkLnRlc3Q+";
                            } else {
                                reply = "504 5.5.4 Unrecognized authentication type";
                            }
                        }
                        case "DATA" -> {
                            reply = script.data;
                            if (reply.startsWith("354")) {
                                write(out, reply);
                                String body;
                                while ((body = in.readLine()) != null && !body.equals(".")) {
                                    received.add(n + " BODY " + body);
                                }
                                if (body == null) {
                                    return;
                                }
                                received.add(n + " .");
                                reply = "250 2.0.0 Ok: queued as 4ABCDEF";
                            }
                        }
                        default -> reply = "502 5.5.2 Error: command not recognized";
                    }
                }
                if (reply == null) {
                    // scripted silence: keep the client waiting
                    continue;
                }
                write(out, reply);
                char first = reply.isEmpty() ? ' ' : reply.charAt(0);
                if (first == '4' || first == '5') {
                    errors++;
                    if (script.dropAfterErrors > 0 && errors >= script.dropAfterErrors) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
