package org.mtabaseline.probe;

/**
 * One envelope of the battery. {@code relayAttempt} is false for the controls (R00 local recipient, R22 the target's
 * own address literal), which are reported but never decide "open". {@code bogusAuth} sends a garbage
 * {@code AUTH CRAM-MD5} exchange before MAIL (Tenable 10262 pass 2).
 */
public record RelayTestCase(String id, String technique, String mailFrom, String rcptTo, boolean relayAttempt,
                            boolean bogusAuth, boolean deliver) {

    public static RelayTestCase relay(String id, String technique, String from, String to) {
        return new RelayTestCase(id, technique, from, to, true, false, false);
    }
}
