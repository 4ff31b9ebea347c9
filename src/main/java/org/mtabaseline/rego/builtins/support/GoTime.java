package org.mtabaseline.rego.builtins.support;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's {@code time} package as OPA's time builtins use it: reference-time layouts
 * ("2006-01-02T15:04:05Z07:00") for parsing and formatting, named layout constants, and
 * {@code time.ParseDuration}. Error texts follow Go's.
 */
public final class GoTime {

    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    public static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    /** The layout names OPA accepts in place of a layout. */
    public static final Map<String, String> NAMED_LAYOUTS = Map.of(
            "ANSIC", "Mon Jan _2 15:04:05 2006",
            "UnixDate", "Mon Jan _2 15:04:05 MST 2006",
            "RubyDate", "Mon Jan 02 15:04:05 -0700 2006",
            "RFC822", "02 Jan 06 15:04 MST",
            "RFC822Z", "02 Jan 06 15:04 -0700",
            "RFC850", "Monday, 02-Jan-06 15:04:05 MST",
            "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST",
            "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700",
            "RFC3339", RFC3339,
            "RFC3339Nano", RFC3339_NANO);

    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};

    private GoTime() {
    }

    /** Raised when a value does not fit a layout or a duration is malformed; message as Go's. */
    public static final class GoTimeException extends IllegalArgumentException {
        public GoTimeException(String message) {
            super(message);
        }
    }

    enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM_UPPER, PM_LOWER, TZ, ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ,
        ISO8601_COLON_TZ, ISO8601_COLON_SECONDS_TZ, NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ,
        NUM_COLON_SECONDS_TZ, FRAC_SECOND0, FRAC_SECOND9
    }

    /** One piece of a layout: literal text, or a std element (with digit count for fractions). */
    record Chunk(String literal, Std std, int digits, char separator) {
    }

    static List<Chunk> chunks(String layout) {
        List<Chunk> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            Object[] found = stdAt(layout, i);
            if (found == null) {
                lit.append(layout.charAt(i));
                i++;
                continue;
            }
            if (!lit.isEmpty()) {
                out.add(new Chunk(lit.toString(), null, 0, '.'));
                lit.setLength(0);
            }
            Std std = (Std) found[0];
            int len = (Integer) found[1];
            if (std == Std.FRAC_SECOND0 || std == Std.FRAC_SECOND9) {
                out.add(new Chunk(layout.substring(i, i + len), std, len - 1, layout.charAt(i)));
            } else {
                out.add(new Chunk(layout.substring(i, i + len), std, 0, '.'));
            }
            i += len;
        }
        if (!lit.isEmpty()) {
            out.add(new Chunk(lit.toString(), null, 0, '.'));
        }
        return out;
    }

    /** Go's nextStdChunk at position i: {Std, length} or null. */
    private static Object[] stdAt(String l, int i) {
        char c = l.charAt(i);
        switch (c) {
            case 'J':
                if (l.startsWith("January", i)) {
                    return new Object[]{Std.LONG_MONTH, 7};
                }
                if (l.startsWith("Jan", i)) {
                    return new Object[]{Std.MONTH, 3};
                }
                return null;
            case 'M':
                if (l.startsWith("Monday", i)) {
                    return new Object[]{Std.LONG_WEEKDAY, 6};
                }
                if (l.startsWith("Mon", i)) {
                    return new Object[]{Std.WEEKDAY, 3};
                }
                if (l.startsWith("MST", i)) {
                    return new Object[]{Std.TZ, 3};
                }
                return null;
            case '0':
                if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                    Std[] s = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR};
                    return new Object[]{s[l.charAt(i + 1) - '1'], 2};
                }
                if (l.startsWith("002", i)) {
                    return new Object[]{Std.ZERO_YEAR_DAY, 3};
                }
                return null;
            case '1':
                if (l.startsWith("15", i)) {
                    return new Object[]{Std.HOUR, 2};
                }
                return new Object[]{Std.NUM_MONTH, 1};
            case '2':
                if (l.startsWith("2006", i)) {
                    return new Object[]{Std.LONG_YEAR, 4};
                }
                return new Object[]{Std.DAY, 1};
            case '_':
                if (l.startsWith("_2", i)) {
                    if (l.startsWith("_2006", i)) {
                        return null; // literal '_' followed by the year
                    }
                    return new Object[]{Std.UNDER_DAY, 2};
                }
                if (l.startsWith("__2", i)) {
                    return new Object[]{Std.UNDER_YEAR_DAY, 3};
                }
                return null;
            case '3':
                return new Object[]{Std.HOUR12, 1};
            case '4':
                return new Object[]{Std.MINUTE, 1};
            case '5':
                return new Object[]{Std.SECOND, 1};
            case 'P':
                return l.startsWith("PM", i) ? new Object[]{Std.PM_UPPER, 2} : null;
            case 'p':
                return l.startsWith("pm", i) ? new Object[]{Std.PM_LOWER, 2} : null;
            case '-':
                if (l.startsWith("-07:00:00", i)) {
                    return new Object[]{Std.NUM_COLON_SECONDS_TZ, 9};
                }
                if (l.startsWith("-070000", i)) {
                    return new Object[]{Std.NUM_SECONDS_TZ, 7};
                }
                if (l.startsWith("-07:00", i)) {
                    return new Object[]{Std.NUM_COLON_TZ, 6};
                }
                if (l.startsWith("-0700", i)) {
                    return new Object[]{Std.NUM_TZ, 5};
                }
                if (l.startsWith("-07", i)) {
                    return new Object[]{Std.NUM_SHORT_TZ, 3};
                }
                return null;
            case 'Z':
                if (l.startsWith("Z07:00:00", i)) {
                    return new Object[]{Std.ISO8601_COLON_SECONDS_TZ, 9};
                }
                if (l.startsWith("Z070000", i)) {
                    return new Object[]{Std.ISO8601_SECONDS_TZ, 7};
                }
                if (l.startsWith("Z07:00", i)) {
                    return new Object[]{Std.ISO8601_COLON_TZ, 6};
                }
                if (l.startsWith("Z0700", i)) {
                    return new Object[]{Std.ISO8601_TZ, 5};
                }
                if (l.startsWith("Z07", i)) {
                    return new Object[]{Std.ISO8601_SHORT_TZ, 3};
                }
                return null;
            case '.', ',':
                if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                    char ch = l.charAt(i + 1);
                    int j = i + 1;
                    while (j < l.length() && l.charAt(j) == ch) {
                        j++;
                    }
                    if (!(j < l.length() && Character.isDigit(l.charAt(j)))) {
                        return new Object[]{ch == '0' ? Std.FRAC_SECOND0 : Std.FRAC_SECOND9, j - i};
                    }
                }
                return null;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- formatting

    /** Go's {@code Time.Format}. */
    public static String format(ZonedDateTime t, String layout) {
        StringBuilder b = new StringBuilder();
        for (Chunk c : chunks(layout)) {
            if (c.std == null) {
                b.append(c.literal);
                continue;
            }
            int year = t.getYear();
            switch (c.std) {
                case YEAR -> pad(b, Math.floorMod(year, 100), 2);
                case LONG_YEAR -> {
                    if (year < 0) {
                        b.append('-');
                        pad(b, -year, 4);
                    } else {
                        pad(b, year, 4);
                    }
                }
                case MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
                case LONG_MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case NUM_MONTH -> b.append(t.getMonthValue());
                case ZERO_MONTH -> pad(b, t.getMonthValue(), 2);
                case WEEKDAY -> b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7], 0, 3);
                case LONG_WEEKDAY -> b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7]);
                case DAY -> b.append(t.getDayOfMonth());
                case UNDER_DAY -> {
                    if (t.getDayOfMonth() < 10) {
                        b.append(' ');
                    }
                    b.append(t.getDayOfMonth());
                }
                case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2);
                case UNDER_YEAR_DAY -> {
                    int yd = t.getDayOfYear();
                    if (yd < 100) {
                        b.append(' ');
                    }
                    if (yd < 10) {
                        b.append(' ');
                    }
                    b.append(yd);
                }
                case ZERO_YEAR_DAY -> pad(b, t.getDayOfYear(), 3);
                case HOUR -> pad(b, t.getHour(), 2);
                case HOUR12 -> b.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case ZERO_HOUR12 -> pad(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2);
                case MINUTE -> b.append(t.getMinute());
                case ZERO_MINUTE -> pad(b, t.getMinute(), 2);
                case SECOND -> b.append(t.getSecond());
                case ZERO_SECOND -> pad(b, t.getSecond(), 2);
                case PM_UPPER -> b.append(t.getHour() >= 12 ? "PM" : "AM");
                case PM_LOWER -> b.append(t.getHour() >= 12 ? "pm" : "am");
                case ISO8601_TZ, ISO8601_COLON_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_SECONDS_TZ,
                        NUM_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_SECONDS_TZ ->
                        formatOffset(b, c.std, t.getOffset().getTotalSeconds());
                case TZ -> {
                    String name = zoneAbbreviation(t);
                    if (name != null) {
                        b.append(name);
                    } else {
                        int zone = t.getOffset().getTotalSeconds() / 60;
                        int absoff = Math.abs(zone);
                        b.append(zone < 0 ? '-' : '+');
                        pad(b, absoff / 60, 2);
                        pad(b, absoff % 60, 2);
                    }
                }
                case FRAC_SECOND0, FRAC_SECOND9 -> formatFraction(b, c, t.getNano());
                default -> throw new IllegalStateException(c.std.name());
            }
        }
        return b.toString();
    }

    private static String zoneAbbreviation(ZonedDateTime t) {
        ZoneId zone = t.getZone();
        if (zone instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : null;
        }
        if (zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC")) {
            return "UTC";
        }
        String name = DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(t);
        if (name.startsWith("GMT") && name.length() > 3 || name.startsWith("UTC") && name.length() > 3) {
            return null;
        }
        return name;
    }

    private static void formatOffset(StringBuilder b, Std std, int offsetSeconds) {
        boolean iso = std.name().startsWith("ISO");
        if (iso && offsetSeconds == 0) {
            b.append('Z');
            return;
        }
        int zone = offsetSeconds / 60;
        int absoff = offsetSeconds;
        if (zone < 0) {
            b.append('-');
            zone = -zone;
            absoff = -absoff;
        } else {
            b.append('+');
        }
        pad(b, zone / 60, 2);
        boolean colon = std.name().contains("COLON");
        boolean seconds = std.name().contains("SECONDS");
        boolean shortTz = std.name().contains("SHORT");
        if (!shortTz) {
            if (colon) {
                b.append(':');
            }
            pad(b, zone % 60, 2);
        }
        if (seconds) {
            if (colon) {
                b.append(':');
            }
            pad(b, absoff % 60, 2);
        }
    }

    private static void formatFraction(StringBuilder b, Chunk c, int nanos) {
        String digits = String.format("%09d", nanos).substring(0, Math.min(9, c.digits));
        if (c.std == Std.FRAC_SECOND9) {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            digits = digits.substring(0, end);
        }
        b.append(c.separator).append(digits);
    }

    private static void pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    // ---------------------------------------------------------------- parsing

    /** Go's {@code time.Parse}: the instant {@code value} denotes under {@code layout} (UTC if no zone). */
    public static Instant parse(String layout, String value) {
        String alayout = layout;
        String v = value;
        int year = 0;
        int month = -1;
        int day = -1;
        int yday = -1;
        int hour = 0;
        int min = 0;
        int sec = 0;
        int nsec = 0;
        boolean pmSet = false;
        boolean amSet = false;
        Integer zoneOffset = null;
        List<Chunk> chunks = chunks(layout);
        for (int ci = 0; ci < chunks.size(); ci++) {
            Chunk c = chunks.get(ci);
            if (c.std == null) {
                String prefix = c.literal;
                String skipped = skipLiteral(v, prefix);
                if (skipped == null) {
                    throw parseError(alayout, value, prefix, v, "");
                }
                v = skipped;
                continue;
            }
            String hold = v;
            String stdstr = c.literal;
            boolean rangeErr = false;
            String rangeName = "";
            try {
                switch (c.std) {
                    case YEAR -> {
                        if (v.length() < 2 || !digits(v, 2)) {
                            throw new BadValue();
                        }
                        year = Integer.parseInt(v.substring(0, 2));
                        v = v.substring(2);
                        year += year >= 69 ? 1900 : 2000;
                    }
                    case LONG_YEAR -> {
                        if (v.length() < 4 || !digits(v, 4)) {
                            throw new BadValue();
                        }
                        year = Integer.parseInt(v.substring(0, 4));
                        v = v.substring(4);
                    }
                    case MONTH, LONG_MONTH -> {
                        int idx = lookup(v, LONG_MONTHS, c.std == Std.MONTH);
                        if (idx < 0) {
                            throw new BadValue();
                        }
                        month = idx + 1;
                        v = v.substring(c.std == Std.MONTH ? 3 : LONG_MONTHS[idx].length());
                    }
                    case NUM_MONTH, ZERO_MONTH -> {
                        int[] r = getnum(v, c.std == Std.ZERO_MONTH);
                        month = r[0];
                        v = v.substring(r[1]);
                        if (month <= 0 || month > 12) {
                            rangeErr = true;
                            rangeName = "month";
                        }
                    }
                    case WEEKDAY, LONG_WEEKDAY -> {
                        int idx = lookup(v, LONG_DAYS, c.std == Std.WEEKDAY);
                        if (idx < 0) {
                            throw new BadValue();
                        }
                        v = v.substring(c.std == Std.WEEKDAY ? 3 : LONG_DAYS[idx].length());
                    }
                    case DAY, UNDER_DAY, ZERO_DAY -> {
                        if (c.std == Std.UNDER_DAY && !v.isEmpty() && v.charAt(0) == ' ') {
                            v = v.substring(1);
                        }
                        int[] r = getnum(v, c.std == Std.ZERO_DAY);
                        day = r[0];
                        v = v.substring(r[1]);
                    }
                    case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
                        for (int i = 0; i < 2; i++) {
                            if (c.std == Std.UNDER_YEAR_DAY && !v.isEmpty() && v.charAt(0) == ' ') {
                                v = v.substring(1);
                            }
                        }
                        int[] r = getnum3(v, c.std == Std.ZERO_YEAR_DAY);
                        yday = r[0];
                        v = v.substring(r[1]);
                        if (yday < 1 || yday > 366) {
                            rangeErr = true;
                            rangeName = "day-of-year";
                        }
                    }
                    case HOUR -> {
                        int[] r = getnum(v, false);
                        hour = r[0];
                        v = v.substring(r[1]);
                        if (hour < 0 || hour >= 24) {
                            rangeErr = true;
                            rangeName = "hour";
                        }
                    }
                    case HOUR12, ZERO_HOUR12 -> {
                        int[] r = getnum(v, c.std == Std.ZERO_HOUR12);
                        hour = r[0];
                        v = v.substring(r[1]);
                        if (hour < 0 || hour > 12) {
                            rangeErr = true;
                            rangeName = "hour";
                        }
                    }
                    case MINUTE, ZERO_MINUTE -> {
                        int[] r = getnum(v, c.std == Std.ZERO_MINUTE);
                        min = r[0];
                        v = v.substring(r[1]);
                        if (min < 0 || min >= 60) {
                            rangeErr = true;
                            rangeName = "minute";
                        }
                    }
                    case SECOND, ZERO_SECOND -> {
                        int[] r = getnum(v, c.std == Std.ZERO_SECOND);
                        sec = r[0];
                        v = v.substring(r[1]);
                        if (sec < 0 || sec >= 60) {
                            rangeErr = true;
                            rangeName = "second";
                            break;
                        }
                        // A fractional second in the value with none in the layout is accepted.
                        boolean nextIsFrac = ci + 1 < chunks.size() && chunks.get(ci + 1).std != null
                                && (chunks.get(ci + 1).std == Std.FRAC_SECOND0
                                || chunks.get(ci + 1).std == Std.FRAC_SECOND9);
                        if (v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',')
                                && Character.isDigit(v.charAt(1)) && !nextIsFrac) {
                            int n = 2;
                            while (n < v.length() && Character.isDigit(v.charAt(n))) {
                                n++;
                            }
                            nsec = parseNanoseconds(v, n);
                            v = v.substring(n);
                        }
                    }
                    case PM_UPPER, PM_LOWER -> {
                        if (v.length() < 2) {
                            throw new BadValue();
                        }
                        String p = v.substring(0, 2);
                        if (p.equals(c.std == Std.PM_UPPER ? "PM" : "pm")) {
                            pmSet = true;
                        } else if (p.equals(c.std == Std.PM_UPPER ? "AM" : "am")) {
                            amSet = true;
                        } else {
                            throw new BadValue();
                        }
                        v = v.substring(2);
                    }
                    case ISO8601_TZ, ISO8601_COLON_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ,
                            ISO8601_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ,
                            NUM_COLON_SECONDS_TZ -> {
                        if (c.std.name().startsWith("ISO") && !v.isEmpty() && v.charAt(0) == 'Z') {
                            v = v.substring(1);
                            zoneOffset = 0;
                            break;
                        }
                        Object[] r = parseOffset(v, c.std);
                        zoneOffset = (Integer) r[0];
                        v = (String) r[1];
                    }
                    case TZ -> {
                        if (v.length() >= 3 && v.startsWith("UTC")) {
                            v = v.substring(3);
                            zoneOffset = 0;
                            break;
                        }
                        int n = parseTimeZone(v);
                        if (n <= 0) {
                            throw new BadValue();
                        }
                        String abbrev = v.substring(0, n);
                        v = v.substring(n);
                        zoneOffset = abbreviationOffset(abbrev);
                    }
                    case FRAC_SECOND0 -> {
                        int ndigit = 1 + c.digits;
                        if (v.length() < ndigit) {
                            throw new BadValue();
                        }
                        if (v.charAt(0) != '.' && v.charAt(0) != ',') {
                            throw new BadValue();
                        }
                        nsec = parseNanoseconds(v, ndigit);
                        v = v.substring(ndigit);
                    }
                    case FRAC_SECOND9 -> {
                        if (v.length() < 2 || (v.charAt(0) != '.' && v.charAt(0) != ',')
                                || v.charAt(1) < '0' || v.charAt(1) > '9') {
                            break;
                        }
                        int i = 0;
                        while (i + 1 < v.length() && i < 9 && v.charAt(i + 1) >= '0' && v.charAt(i + 1) <= '9') {
                            i++;
                        }
                        nsec = parseNanoseconds(v, 1 + i);
                        v = v.substring(1 + i);
                    }
                    default -> throw new IllegalStateException();
                }
            } catch (BadValue e) {
                throw parseError(alayout, value, stdstr, hold, "");
            }
            if (rangeErr) {
                throw new GoTimeException("parsing time " + quote(value) + ": " + rangeName + " out of range");
            }
        }
        if (!v.isEmpty()) {
            throw new GoTimeException("parsing time " + quote(value) + ": extra text: " + quote(v));
        }
        if (pmSet && hour < 12) {
            hour += 12;
        } else if (amSet && hour == 12) {
            hour = 0;
        }
        if (yday >= 0) {
            int m = 0;
            int d = yday;
            boolean leap = isLeap(year);
            if (yday > 365 && !leap) {
                throw new GoTimeException("parsing time " + quote(value) + ": day-of-year out of range");
            }
            int[] lengths = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            while (d > lengths[m]) {
                d -= lengths[m];
                m++;
            }
            if (month >= 0 && month != m + 1 || day >= 0 && day != d) {
                throw new GoTimeException("parsing time " + quote(value) + ": day-of-year does not match month");
            }
            month = m + 1;
            day = d;
        } else {
            if (month < 0) {
                month = 1;
            }
            if (day < 0) {
                day = 1;
            }
        }
        if (day < 1 || day > daysIn(month, year)) {
            throw new GoTimeException("parsing time " + quote(value) + ": day out of range");
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, min, sec, nsec);
        return local.toInstant(ZoneOffset.ofTotalSeconds(zoneOffset == null ? 0 : zoneOffset));
    }

    private static final class BadValue extends RuntimeException {
        BadValue() {
            super(null, null, false, false);
        }
    }

    private static GoTimeException parseError(String layout, String value, String elem, String valueElem, String msg) {
        return new GoTimeException("parsing time " + quote(value) + " as " + quote(layout) + ": cannot parse "
                + quote(valueElem) + " as " + quote(elem) + msg);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.append('"').toString();
    }

    /** Go skips spaces flexibly when matching literal layout text; otherwise an exact prefix. */
    private static String skipLiteral(String value, String prefix) {
        int vi = 0;
        int pi = 0;
        while (pi < prefix.length()) {
            if (prefix.charAt(pi) == ' ') {
                if (vi < value.length() && value.charAt(vi) != ' ') {
                    return null;
                }
                while (pi < prefix.length() && prefix.charAt(pi) == ' ') {
                    pi++;
                }
                while (vi < value.length() && value.charAt(vi) == ' ') {
                    vi++;
                }
                continue;
            }
            if (vi >= value.length() || value.charAt(vi) != prefix.charAt(pi)) {
                return null;
            }
            vi++;
            pi++;
        }
        return value.substring(vi);
    }

    private static boolean digits(String v, int n) {
        for (int i = 0; i < n; i++) {
            if (!Character.isDigit(v.charAt(i)) || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int[] getnum(String v, boolean fixed) {
        if (v.isEmpty() || v.charAt(0) < '0' || v.charAt(0) > '9') {
            throw new BadValue();
        }
        if (v.length() < 2 || v.charAt(1) < '0' || v.charAt(1) > '9') {
            if (fixed) {
                throw new BadValue();
            }
            return new int[]{v.charAt(0) - '0', 1};
        }
        return new int[]{(v.charAt(0) - '0') * 10 + (v.charAt(1) - '0'), 2};
    }

    private static int[] getnum3(String v, boolean fixed) {
        int n = 0;
        int i = 0;
        while (i < 3 && i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            n = n * 10 + (v.charAt(i) - '0');
            i++;
        }
        if (i == 0 || fixed && i != 3) {
            throw new BadValue();
        }
        return new int[]{n, i};
    }

    private static int lookup(String v, String[] names, boolean abbreviated) {
        for (int i = 0; i < names.length; i++) {
            String name = abbreviated ? names[i].substring(0, 3) : names[i];
            if (v.length() >= name.length() && v.substring(0, name.length()).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int parseNanoseconds(String v, int nbytes) {
        if (v.charAt(0) != '.' && v.charAt(0) != ',') {
            throw new BadValue();
        }
        int n = Math.min(nbytes, 10);
        String ds = v.substring(1, n);
        for (char ch : ds.toCharArray()) {
            if (ch < '0' || ch > '9') {
                throw new BadValue();
            }
        }
        int ns = ds.isEmpty() ? 0 : Integer.parseInt(ds);
        for (int i = ds.length(); i < 9; i++) {
            ns *= 10;
        }
        return ns;
    }

    private static Object[] parseOffset(String v, Std std) {
        String name = std.name();
        boolean colon = name.contains("COLON");
        boolean seconds = name.contains("SECONDS");
        boolean shortTz = name.contains("SHORT");
        int need = shortTz ? 3 : colon ? (seconds ? 9 : 6) : (seconds ? 7 : 5);
        if (v.length() < need) {
            throw new BadValue();
        }
        char sign = v.charAt(0);
        if (sign != '+' && sign != '-') {
            throw new BadValue();
        }
        String hh = v.substring(1, 3);
        String mm = "00";
        String ss = "00";
        if (!shortTz) {
            if (colon) {
                if (v.charAt(3) != ':') {
                    throw new BadValue();
                }
                mm = v.substring(4, 6);
                if (seconds) {
                    if (v.charAt(6) != ':') {
                        throw new BadValue();
                    }
                    ss = v.substring(7, 9);
                }
            } else {
                mm = v.substring(3, 5);
                if (seconds) {
                    ss = v.substring(5, 7);
                }
            }
        }
        int h = twoDigits(hh);
        int m = twoDigits(mm);
        int s = twoDigits(ss);
        if (h > 24 || m > 60 || s > 60) {
            throw new BadValue();
        }
        int offset = (h * 60 + m) * 60 + s;
        return new Object[]{sign == '-' ? -offset : offset, v.substring(need)};
    }

    private static int twoDigits(String s) {
        if (!digits(s, 2)) {
            throw new BadValue();
        }
        return Integer.parseInt(s);
    }

    /** Length of a time zone abbreviation at the start of v (Go's parseTimeZone, simplified). */
    private static int parseTimeZone(String v) {
        if (v.length() < 3) {
            return 0;
        }
        if (v.startsWith("ChST") || v.startsWith("MeST")) {
            return 4;
        }
        if (v.startsWith("GMT")) {
            int n = 3;
            if (n < v.length() && (v.charAt(n) == '+' || v.charAt(n) == '-')) {
                int j = n + 1;
                while (j < v.length() && Character.isDigit(v.charAt(j))) {
                    j++;
                }
                if (j > n + 1) {
                    return j;
                }
            }
            return 3;
        }
        if (v.charAt(0) == '+' || v.charAt(0) == '-') {
            int j = 1;
            while (j < v.length() && Character.isDigit(v.charAt(j))) {
                j++;
            }
            return j == 3 || j == 5 ? j : 0;
        }
        int n = 0;
        while (n < v.length() && n < 6 && v.charAt(n) >= 'A' && v.charAt(n) <= 'Z') {
            n++;
        }
        if (n < 3) {
            return 0;
        }
        if (n == 4 && v.charAt(3) != 'T') {
            return 0;
        }
        if (n > 5) {
            return 0;
        }
        return n;
    }

    /** Go fabricates a zone with offset 0 for unknown abbreviations; GMT+h keeps its hours. */
    private static int abbreviationOffset(String abbrev) {
        if (abbrev.startsWith("GMT") && abbrev.length() > 3) {
            return Integer.parseInt(abbrev.substring(3).replace("+", "")) * 3600;
        }
        return 0;
    }

    static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int daysIn(int month, int year) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // ---------------------------------------------------------------- instants and zones

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    /** Nanoseconds since the epoch, or "time outside of valid range" if not representable in int64. */
    public static long toUnixNanos(Instant t) {
        BigInteger ns = BigInteger.valueOf(t.getEpochSecond()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(t.getNano()));
        if (ns.bitLength() > 63) {
            throw new GoTimeException("time outside of valid range");
        }
        return ns.longValue();
    }

    public static Instant fromUnixNanos(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    /** Go's {@code time.LoadLocation} for OPA: "" and "UTC" are UTC, "Local" the system zone. */
    public static ZoneId zone(String name) {
        switch (name) {
            case "", "UTC" -> {
                return ZoneOffset.UTC;
            }
            case "Local" -> {
                return ZoneId.systemDefault();
            }
            default -> {
                try {
                    return ZoneId.of(name);
                } catch (DateTimeException e) {
                    throw new GoTimeException("unknown time zone " + name);
                }
            }
        }
    }

    /** Go's {@code Weekday.String()}. */
    public static String weekday(ZonedDateTime t) {
        return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** Go's {@code Time.AddDate}: adds then normalizes overflowing months/days as Go's Date does. */
    public static ZonedDateTime addDate(ZonedDateTime t, long years, long months, long days) {
        long y = t.getYear() + years;
        long m = t.getMonthValue() + months;
        // Normalize month into [1, 12], carrying into the year, then let days overflow naturally.
        long m0 = m - 1;
        y += Math.floorDiv(m0, 12);
        m = Math.floorMod(m0, 12) + 1;
        LocalDateTime base = LocalDateTime.of((int) y, (int) m, 1, t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano());
        LocalDateTime result = base.plusDays(t.getDayOfMonth() - 1L + days);
        return ZonedDateTime.ofLocal(result, t.getZone(), null);
    }

    /** OPA's {@code time.diff}: [years, months, days, hours, minutes, seconds] between two times. */
    public static long[] diff(ZonedDateTime a, ZonedDateTime b) {
        ZonedDateTime t1 = a;
        ZonedDateTime t2 = b.withZoneSameInstant(a.getZone());
        if (t1.isAfter(t2)) {
            ZonedDateTime tmp = t1;
            t1 = t2;
            t2 = tmp;
        }
        long year = t2.getYear() - t1.getYear();
        long month = t2.getMonthValue() - t1.getMonthValue();
        long day = t2.getDayOfMonth() - t1.getDayOfMonth();
        long hour = t2.getHour() - t1.getHour();
        long min = t2.getMinute() - t1.getMinute();
        long sec = t2.getSecond() - t1.getSecond();
        if (sec < 0) {
            sec += 60;
            min--;
        }
        if (min < 0) {
            min += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            // Days in t1's month, as Go computes with Date(y1, M1, 32).
            day += daysIn(t1.getMonthValue(), t1.getYear());
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return new long[]{year, month, day, hour, min, sec};
    }

    // ---------------------------------------------------------------- durations

    private static long unknownUnit(String unit, String orig) {
        throw new GoTimeException("time: unknown unit " + quote(unit) + " in duration " + quote(orig));
    }

    /** Go's {@code time.ParseDuration}, in nanoseconds. */
    public static long parseDuration(String s) {
        return parseDuration(s, false);
    }

    /**
     * Go's {@code time.ParseDuration}, in nanoseconds; with {@code calendarUnits} also {@code d} (24h),
     * {@code w} (7d) and {@code y} (365d), as OPA's {@code time.parse_duration_ns} accepts them.
     */
    public static long parseDuration(String s, boolean calendarUnits) {
        String orig = s;
        BigInteger d = BigInteger.ZERO;
        boolean neg = false;
        if (!s.isEmpty()) {
            char c = s.charAt(0);
            if (c == '-' || c == '+') {
                neg = c == '-';
                s = s.substring(1);
            }
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new GoTimeException("time: invalid duration " + quote(orig));
        }
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || Character.isDigit(s.charAt(0)))) {
                throw new GoTimeException("time: invalid duration " + quote(orig));
            }
            int i = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            String intPart = s.substring(0, i);
            s = s.substring(i);
            boolean pre = !intPart.isEmpty();
            String fracPart = "";
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                fracPart = s.substring(0, j);
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw new GoTimeException("time: invalid duration " + quote(orig));
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !(s.charAt(u) >= '0' && s.charAt(u) <= '9')) {
                u++;
            }
            if (u == 0) {
                throw new GoTimeException("time: missing unit in duration " + quote(orig));
            }
            String unit = s.substring(0, u);
            s = s.substring(u);
            long unitNs = switch (unit) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> calendarUnits ? 86_400_000_000_000L : unknownUnit(unit, orig);
                case "w" -> calendarUnits ? 7 * 86_400_000_000_000L : unknownUnit(unit, orig);
                case "y" -> calendarUnits ? 365 * 86_400_000_000_000L : unknownUnit(unit, orig);
                default -> throw new GoTimeException("time: unknown unit " + quote(unit) + " in duration "
                        + quote(orig));
            };
            BigInteger value = new BigInteger(intPart.isEmpty() ? "0" : intPart).multiply(BigInteger.valueOf(unitNs));
            if (!fracPart.isEmpty()) {
                java.math.BigDecimal frac = new java.math.BigDecimal("0." + fracPart)
                        .multiply(java.math.BigDecimal.valueOf(unitNs));
                value = value.add(frac.toBigInteger());
            }
            d = d.add(value);
            if (d.bitLength() > 63) {
                throw new GoTimeException("time: invalid duration " + quote(orig));
            }
        }
        return neg ? -d.longValue() : d.longValue();
    }
}
