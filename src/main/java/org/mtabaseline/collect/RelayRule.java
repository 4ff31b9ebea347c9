package org.mtabaseline.collect;

/**
 * One normalized relay rule (first match wins within a listener). {@code authenticated}: TRUE = only
 * authenticated sessions, FALSE = only unauthenticated ones, null = regardless. {@code except} lists recipients
 * the rule does not apply to (null = none).
 */
public record RelayRule(Clients client, Boolean authenticated, Recipients recipient, Recipients except,
        Action action, String condition, Boolean attackerControlled, boolean unresolved, String setting,
        Source source, String text) {

    public enum Action {
        PERMIT, REJECT, DEFER, CONTINUE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static RelayRule simple(Clients client, Boolean authenticated, Recipients recipient, Action action,
            String setting, Source source, String text) {
        return new RelayRule(client, authenticated, recipient, null, action, null, null, false, setting, source, text);
    }
}
