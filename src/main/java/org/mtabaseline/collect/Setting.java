package org.mtabaseline.collect;

/**
 * One MTA-native setting with its effective value. {@code value} is a String, a {@code List<String>}, a Boolean
 * or a Number; {@code raw} is the text as written when it differs (before expansion), else null.
 */
public record Setting(Object value, Source source, boolean isDefault, String raw) {
    public static Setting of(Object value, Source source) {
        return new Setting(value, source, false, null);
    }

    public static Setting builtIn(Object value) {
        return new Setting(value, Source.BUILT_IN, true, null);
    }
}
