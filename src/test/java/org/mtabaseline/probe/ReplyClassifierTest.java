package org.mtabaseline.probe;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reply classification by code AND enhanced status code/text (research section 7). */
class ReplyClassifierTest {

    static TestVerdict rcpt(String line) {
        return ReplyClassifier.classify(ReplyClassifier.Stage.RCPT, reply(line)).verdict();
    }

    static SmtpReply reply(String... lines) {
        return new SmtpReply(Integer.parseInt(lines[0].substring(0, 3)), List.of(lines), 0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "250 2.1.5 Ok|ACCEPTED",
            "251 2.1.5 User not local; will forward|ACCEPTED",
            "252 2.1.5 Cannot verify, will try|ACCEPTED",
            "454 4.7.1 <a@example.net>: Relay access denied|DENIED",
            "554 5.7.1 <a@example.net>: Relay access denied|DENIED",
            "550 5.7.1 Relaying denied|DENIED",
            "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)|DENIED",
            "550 relay not permitted|DENIED",
            "501 5.1.3 Bad recipient address syntax|DENIED",
            "553 5.1.3 Restricted characters in address|DENIED",
            "530 5.7.0 Authentication required|DENIED",
            "450 4.7.1 <a@example.net>: Recipient address rejected: Greylisted|INCONCLUSIVE",
            "451 4.7.1 Please try again later|INCONCLUSIVE",
            "450 4.1.2 <a@nx.example>: Recipient address rejected: Domain not found|INCONCLUSIVE",
            "421 4.7.0 mx Error: too many errors|INCONCLUSIVE",
            "503 5.5.1 Error: need MAIL command|INCONCLUSIVE",
            "556 5.1.10 Recipient domain does not accept mail|INCONCLUSIVE",
    })
    void rcptRepliesAreClassifiedByCodeEnhancedCodeAndText(String line, TestVerdict expected) {
        assertEquals(expected, rcpt(line));
    }

    @Test
    void senderRefusedMeansTheRelayQuestionWasNeverAsked() {
        var o = ReplyClassifier.classify(ReplyClassifier.Stage.MAIL, reply("553 5.1.8 <x@localhost>: Sender address rejected: Domain not found"));
        assertEquals(TestVerdict.INCONCLUSIVE, o.verdict());
        assertTrue(o.reason().startsWith("sender refused"));
    }

    @Test
    void the530SubstringInTextDoesNotMeanAuthRequired() {
        var o = ReplyClassifier.classify(ReplyClassifier.Stage.RCPT, reply("554 5.7.1 relay denied by mx530.example.net"));
        assertEquals(TestVerdict.DENIED, o.verdict());
        assertFalse(o.reason().contains("authentication"));
    }

    @Test
    void dataStageDistinguishes354FromRefusal() {
        assertEquals(TestVerdict.ACCEPTED, ReplyClassifier.classify(ReplyClassifier.Stage.DATA, reply("354 go ahead")).verdict());
        assertEquals(TestVerdict.DENIED, ReplyClassifier.classify(ReplyClassifier.Stage.DATA, reply("554 5.7.1 no")).verdict());
    }

    @Test
    void enhancedCodeAndTextComeFromTheReplyLines() {
        SmtpReply r = reply("550-5.7.1 first", "550 5.7.1 Relay access denied");
        assertEquals("5.7.1", r.enhanced());
        assertEquals("first Relay access denied", r.text());
        assertNull(reply("220 mx ESMTP").enhanced());
    }

    @Test
    void bannerVersionDisclosureIgnoresDigitsInTheHostName() {
        assertTrue(Prober.disclosesVersion("220 mx.example.com ESMTP Sendmail 8.15.2/8.15.2; Sat, 28 Nov 2026"));
        assertTrue(Prober.disclosesVersion("220 mail.example.org ESMTP Exim 4.96 Sat, 28 Nov 2026 12:00:00 +0000"));
        assertFalse(Prober.disclosesVersion("220 mx530.example.net ESMTP Postfix (Debian/GNU)"));
        assertFalse(Prober.disclosesVersion("220 smtp1.mail2.example.com ESMTP"));
        assertEquals("Postfix", Prober.softwareIn("220 mx.example.net ESMTP Postfix (Debian/GNU)"));
        assertEquals("mx530.example.net", Prober.hostFrom("220 mx530.example.net ESMTP"));
        assertNull(Prober.hostFrom("220 ESMTP ready"));
    }

    @Test
    void vrfyFollowsGreenbonesRandomUserGuard() {
        assertEquals("ambiguous", Prober.vrfyState(reply("252 2.0.0 root"), reply("252 2.0.0 nxuser")));
        assertEquals("enabled", Prober.vrfyState(reply("252 2.0.0 root"), reply("550 5.1.1 nxuser: User unknown")));
        assertEquals("enabled", Prober.vrfyState(reply("250 2.1.5 root <root@mx>"), reply("550 5.1.1 unknown")));
        assertEquals("disabled", Prober.vrfyState(reply("502 5.5.1 VRFY command is disabled"), reply("502 5.5.1 x")));
        assertEquals("disabled", Prober.vrfyState(reply("252 Administrative prohibition"), reply("252 x")));
        assertEquals("disabled", Prober.expnState(reply("500 5.5.2 Error: command not recognized")));
        assertEquals("enabled", Prober.expnState(reply("250 2.1.5 root <root@mx.example>")));
    }
}
