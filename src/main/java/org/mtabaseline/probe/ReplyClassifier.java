package org.mtabaseline.probe;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies a reply by its code AND its enhanced status code and text, where the scanners look at the first digit
 * only: Postfix's default "454 4.7.1 Relay access denied" is a denial, not a temporary failure; greylisting
 * (450/451 4.7.x) is inconclusive; 501/553 syntax refusals deny that variant; 530 means authentication required;
 * 251 counts as accepted. Only the reply code decides "530", never a substring of the text.
 */
public final class ReplyClassifier {

    /** Where in the transaction the reply came. */
    public enum Stage { CONNECT, AUTH, MAIL, RCPT, DATA, END_OF_DATA }

    public record Outcome(TestVerdict verdict, String reason) {
    }

    private static final Pattern RELAY_DENIAL = Pattern.compile(
            "relay(ing)? (access )?(denied|not permitted|prohibited|not allowed)|not permitted to relay"
                    + "|unable to relay|relay not permitted|we do not relay|not in my list of allowed rcpthosts"
                    + "|no relaying|relaying disallowed|not authori[sz]ed to relay",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GREYLIST = Pattern.compile("gr[ae]ylist|try again later|please retry|come back later",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTH_REQUIRED = Pattern.compile("authentication required|must authenticate"
            + "|auth(entication)? first|starttls first|must issue a starttls", Pattern.CASE_INSENSITIVE);

    private ReplyClassifier() {
    }

    public static Outcome classify(Stage stage, SmtpReply r) {
        int code = r.code();
        String enh = r.enhanced();
        String text = r.text();
        boolean relayText = RELAY_DENIAL.matcher(text).find();
        if (stage == Stage.DATA && code == 354) {
            return new Outcome(TestVerdict.ACCEPTED, "DATA answered 354: the server would take the message");
        }
        if (stage == Stage.END_OF_DATA && r.positive()) {
            return new Outcome(TestVerdict.ACCEPTED, "message queued for the sink mailbox (" + code + ")");
        }
        if (r.positive()) {
            if (stage == Stage.RCPT) {
                return new Outcome(TestVerdict.ACCEPTED, switch (code) {
                    case 251 -> "251 user not local, will forward: forwarding is relaying";
                    case 252 -> "252 to RCPT: any 2xx is acceptance";
                    default -> "recipient accepted (" + code + ")";
                });
            }
            return new Outcome(TestVerdict.ACCEPTED, "accepted (" + code + ")");
        }
        if (code == 530 || (enh != null && enh.equals("5.7.0") && AUTH_REQUIRED.matcher(text).find())) {
            return new Outcome(TestVerdict.DENIED, "authentication required (530): relaying needs AUTH");
        }
        if (code == 421) {
            return new Outcome(TestVerdict.INCONCLUSIVE, "dropped: server closing the session (421)");
        }
        if (code / 100 == 4) {
            if (relayText) {
                return new Outcome(TestVerdict.DENIED, "relay denied with a temporary code (" + code
                        + (enh == null ? "" : " " + enh) + "): same decision as a 5xx denial");
            }
            if (GREYLIST.matcher(text).find()
                    || ((code == 450 || code == 451) && enh != null && enh.startsWith("4.7."))) {
                return new Outcome(TestVerdict.INCONCLUSIVE, "greylisted (" + code + (enh == null ? "" : " " + enh)
                        + "): retry after the greylist delay");
            }
            if (enh != null && enh.equals("4.1.2")) {
                return new Outcome(TestVerdict.INCONCLUSIVE, "test domain not resolvable at the target (" + code
                        + " 4.1.2): configure a resolvable test domain");
            }
            return new Outcome(TestVerdict.INCONCLUSIVE, "temporary failure (" + code + ")");
        }
        if (code == 503) {
            return new Outcome(TestVerdict.INCONCLUSIVE, "bad sequence (503): the test did not run");
        }
        if (stage == Stage.MAIL) {
            return new Outcome(TestVerdict.INCONCLUSIVE, "sender refused (" + code + "): the relay question was "
                    + "never asked");
        }
        if (code == 521 || code == 556) {
            return new Outcome(TestVerdict.INCONCLUSIVE, "domain accepts no mail (" + code + ", RFC 7504)");
        }
        if (code == 500 || code == 501 || code == 553 || code == 504) {
            if (relayText) {
                return new Outcome(TestVerdict.DENIED, "relay denied (" + code + ")");
            }
            return new Outcome(TestVerdict.DENIED, "address syntax refused for this variant (" + code + ")");
        }
        if (code / 100 == 5) {
            if (stage == Stage.DATA || stage == Stage.END_OF_DATA) {
                return new Outcome(TestVerdict.DENIED, "refused at " + stage.name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ') + " (" + code + ")");
            }
            if (relayText || "5.7.1".equals(enh)) {
                return new Outcome(TestVerdict.DENIED, "relay denied (" + code + (enh == null ? "" : " " + enh) + ")");
            }
            return new Outcome(TestVerdict.DENIED, "recipient refused (" + code + (enh == null ? "" : " " + enh)
                    + ")");
        }
        return new Outcome(TestVerdict.INCONCLUSIVE, "unexpected reply " + code + " at " + stage);
    }

    /** True when a refusal of the positive control says "relay denied": the control address is simply not local. */
    public static boolean isRelayDenial(SmtpReply r) {
        return RELAY_DENIAL.matcher(r.text()).find();
    }
}
