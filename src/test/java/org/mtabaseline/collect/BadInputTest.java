package org.mtabaseline.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Input that cannot be configuration gets a clear exception naming file and line, never something else. */
class BadInputTest {
    private static ConfigParseException parseError(String kind, ConfigFile... files) {
        return assertThrows(ConfigParseException.class, () -> Collectors.collect(kind, List.of(files)));
    }

    @Test
    void nulByteIsRejectedWithItsLine() {
        ConfigParseException e = parseError("postfix", new ConfigFile("main.cf", "myhostname = a\nmynetworks = 1\u0000\n"));
        assertEquals("main.cf", e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void binaryDataIsRejected() {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 4096; i++) {
            sb.append((char) (1 + r.nextInt(255)));
        }
        ConfigParseException e = parseError(null, new ConfigFile("main.cf", sb.toString()));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void undecodableBytesAreRejectedAsBinary() {
        String s = "\uFFFD".repeat(200) + "\n" + "\uFFFD\uFFFDx".repeat(100);
        ConfigParseException e = parseError("sendmail", new ConfigFile("sendmail.mc", s));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void hundredThousandLineFileIsRefusedWithTheLimitLine() {
        String s = "# comment\n".repeat(100_000);
        ConfigParseException e = parseError("postfix", new ConfigFile("main.cf", s));
        assertEquals(InputGuard.MAX_LINES + 1, e.line());
        assertTrue(e.getMessage().contains("more than " + InputGuard.MAX_LINES + " lines"), e.getMessage());
    }

    @Test
    void oneMebibyteLineIsRefusedWithItsLine() {
        String s = "myhostname = mx\nsmtpd_banner = " + "x".repeat(1 << 20) + "\n";
        ConfigParseException e = parseError("postfix", new ConfigFile("main.cf", s));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("line longer than"), e.getMessage());
    }

    @Test
    void eximConfigurationSentAsPostfixIsRefusedNamingTheGiveAwayLine() {
        String exim = "primary_hostname = mx\ndomainlist local_domains = @\nhostlist relay_from_hosts = localhost\n"
                + "acl_smtp_rcpt = acl_check_rcpt\nbegin acl\nacl_check_rcpt:\n  accept hosts = :\nbegin routers\n";
        ConfigParseException e = parseError("postfix", new ConfigFile("main.cf", exim));
        assertEquals("main.cf", e.file());
        assertTrue(e.getMessage().contains("looks like exim"), e.getMessage());
        assertEquals(1, e.line(), "primary_hostname is Exim's, not Postfix's");
    }

    @Test
    void sendmailMcSentAsOpensmtpdIsRefused() {
        String mc = "divert(-1)dnl\nOSTYPE(`linux')dnl\nFEATURE(`promiscuous_relay')dnl\nDAEMON_OPTIONS(`Port=smtp')dnl\nMAILER(smtp)dnl\n";
        ConfigParseException e = parseError("opensmtpd", new ConfigFile("smtpd.conf", mc));
        assertTrue(e.getMessage().contains("looks like sendmail"), e.getMessage());
    }

    @Test
    void proseSentAsPostfixMainCfIsRefused() {
        String prose = String.join("\n", java.util.Collections.nCopies(30, "This is not a configuration file at all."));
        ConfigParseException e = parseError("postfix", new ConfigFile("main.cf", prose));
        assertTrue(e.getMessage().contains("not Postfix main.cf syntax"), e.getMessage());
    }

    @Test
    void unknownKindListsTheSupportedKinds() {
        UnsupportedMtaException e = assertThrows(UnsupportedMtaException.class,
                () -> Collectors.collect("courier", List.of(new ConfigFile("x.conf", "a = b\n"))));
        assertEquals(MtaKind.ids(), e.supported());
        assertTrue(e.getMessage().contains("postfix, sendmail, exim, exchange, opensmtpd, qmail"), e.getMessage());
    }

    @Test
    void undetectableKindIsUnsupported() {
        assertThrows(UnsupportedMtaException.class,
                () -> Collectors.collect(null, List.of(new ConfigFile("notes.txt", "hello world\n"))));
    }

    @Test
    void noFilesIsAParseError() {
        assertThrows(ConfigParseException.class, () -> Collectors.collect("postfix", List.of()));
    }

    @Test
    void kindIsDetectedFromNamesAndContent() {
        assertEquals(MtaKind.POSTFIX, Collectors.collect(null, List.of(new ConfigFile("/etc/postfix/main.cf", "myhostname = mx\n"))).kind());
        assertEquals(MtaKind.SENDMAIL, Collectors.collect(null, List.of(new ConfigFile("config", "FEATURE(`access_db')dnl\nDAEMON_OPTIONS(`Port=smtp')dnl\n"))).kind());
        assertEquals(MtaKind.EXIM, Collectors.collect(null, List.of(new ConfigFile("configure", "acl_smtp_rcpt = accept\nbegin acl\n"))).kind());
        assertEquals(MtaKind.OPENSMTPD, Collectors.collect(null, List.of(new ConfigFile("cfg", "listen on lo\nmatch from local for any action \"r\"\naction \"r\" relay\n"))).kind());
        assertEquals(MtaKind.QMAIL, Collectors.collect(null, List.of(new ConfigFile("/etc/tcp.smtp", "127.:allow,RELAYCLIENT=\"\"\n"))).kind());
        assertEquals(MtaKind.EXCHANGE, Collectors.collect(null, List.of(new ConfigFile("rc.txt",
                "Identity : EX\\Default\nBindings : {0.0.0.0:25}\nRemoteIPRanges : {0.0.0.0-255.255.255.255}\nPermissionGroups : AnonymousUsers\n"))).kind());
    }

    @Test
    void garbageInEveryCollectorNeverEscapesAsAnUnexpectedException() {
        java.util.Random r = new java.util.Random(7);
        String alphabet = "abcdefghijklmnop =:{}()[]<>`'\"$#\\,.;!*@/-_0123456789\n\t ";
        for (MtaKind k : MtaKind.values()) {
            for (int n = 0; n < 200; n++) {
                StringBuilder sb = new StringBuilder();
                int len = r.nextInt(400);
                for (int i = 0; i < len; i++) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                String name = switch (k) {
                    case POSTFIX -> "main.cf";
                    case SENDMAIL -> "sendmail.mc";
                    case EXIM -> "exim.conf";
                    case OPENSMTPD -> "smtpd.conf";
                    case EXCHANGE -> "receiveconnector.txt";
                    case QMAIL -> "tcp.smtp";
                };
                try {
                    CollectedFacts f = Collectors.collect(k.id(), List.of(new ConfigFile(name, sb.toString())));
                    assertEquals("", InputSchema.errors(InputSchema.inputOf(f.toInput())), k + ": " + sb);
                } catch (ConfigParseException | UnsupportedMtaException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                }
            }
        }
    }
}
