package org.mtabaseline.rego.builtins.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    @Test
    void parsesRfc3339WithOffsetsAndNanoseconds() {
        assertEquals(1496455200000000000L, GoTime.toUnixNanos(GoTime.parse(GoTime.RFC3339, "2017-06-02T19:00:00-07:00")));
        assertEquals(Long.MIN_VALUE, GoTime.toUnixNanos(GoTime.parse(GoTime.RFC3339, "1677-09-21T00:12:43.145224192-00:00")));
        assertThrows(GoTime.GoTimeException.class,
                () -> GoTime.toUnixNanos(GoTime.parse(GoTime.RFC3339, "2262-04-11T23:47:16.854775808-00:00")));
    }

    @Test
    void parsesCustomLayouts() {
        assertEquals(1580515200000000000L, GoTime.toUnixNanos(GoTime.parse("2006-01-02", "2020-02-01")));
        assertEquals(1496455200000000000L, GoTime.toUnixNanos(
                GoTime.parse("Mon Jan _2 15:04:05 -0700 2006", "Fri Jun  2 19:00:00 -0700 2017")));
        assertEquals(1496455200000000000L, GoTime.toUnixNanos(GoTime.parse("01/02/06 3:04PM MST", "06/03/17 2:00AM UTC")));
    }

    @Test
    void badValueReportsTheFailingElementAsGoDoes() {
        GoTime.GoTimeException e = assertThrows(GoTime.GoTimeException.class, () -> GoTime.parse("2006-01-02", "2020-1-01"));
        assertEquals("parsing time \"2020-1-01\" as \"2006-01-02\": cannot parse \"1-01\" as \"01\"", e.getMessage());
        assertEquals("parsing time \"2021-02-29\": day out of range",
                assertThrows(GoTime.GoTimeException.class, () -> GoTime.parse("2006-01-02", "2021-02-29")).getMessage());
    }

    @Test
    void formatsWithNamedZonesAndFractions() {
        ZonedDateTime t = GoTime.fromUnixNanos(1670006453141828752L).atZone(ZoneId.of("Asia/Kolkata"));
        assertEquals("2022-12-03T00:10:53.141828752+05:30", GoTime.format(t, GoTime.RFC3339_NANO));
        assertEquals("Sat Dec 03 00:10:53 +0530 2022", GoTime.format(t, "Mon Jan 02 15:04:05 -0700 2006"));
        assertEquals("Sat, 03 Dec 2022 00:10:53 +0530", GoTime.format(t, GoTime.NAMED_LAYOUTS.get("RFC1123Z")));
        ZonedDateTime utc = GoTime.fromUnixNanos(1670006453141828752L).atZone(ZoneOffset.UTC);
        assertEquals("2022-12-02T18:40:53.141828752Z", GoTime.format(utc, GoTime.RFC3339_NANO));
        assertEquals("18:40:53.141 PM", GoTime.format(utc, "15:04:05.000 PM"));
    }

    @Test
    void addDateNormalizesLikeGo() {
        ZonedDateTime t = GoTime.fromUnixNanos(1585852421593912000L).atZone(ZoneOffset.UTC);
        assertEquals(1705257221593912000L, GoTime.toUnixNanos(GoTime.addDate(t, 3, 9, 12).toInstant()));
        assertEquals(1551465221593912000L, GoTime.toUnixNanos(GoTime.addDate(t, -1, -1, -1).toInstant()));
        ZonedDateTime jan31 = ZonedDateTime.of(2021, 1, 31, 0, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(ZonedDateTime.of(2021, 3, 3, 0, 0, 0, 0, ZoneOffset.UTC), GoTime.addDate(jan31, 0, 1, 0),
                "Feb 31 overflows into March as in Go");
    }

    @Test
    void diffCountsCalendarUnits() {
        ZonedDateTime a = ZonedDateTime.of(2020, 2, 2, 0, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime b = ZonedDateTime.of(2020, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertArrayEquals(new long[]{0, 0, 28, 0, 0, 0}, GoTime.diff(a, b));
        ZonedDateTime c = ZonedDateTime.of(2004, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime d = ZonedDateTime.of(2005, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertArrayEquals(new long[]{1, 0, 1, 0, 0, 0}, GoTime.diff(c, d));
    }

    @Test
    void parsesGoDurations() {
        assertEquals(100_000_000L, GoTime.parseDuration("100ms"));
        assertEquals(5_400_000_000_000L, GoTime.parseDuration("1h30m"));
        assertEquals(-1_500_000_000L, GoTime.parseDuration("-1.5s"));
        assertEquals(1_000L, GoTime.parseDuration("1\u00b5s"));
        assertEquals("time: missing unit in duration \"1\"",
                assertThrows(GoTime.GoTimeException.class, () -> GoTime.parseDuration("1")).getMessage());
        assertEquals("time: unknown unit \"x\" in duration \"1x\"",
                assertThrows(GoTime.GoTimeException.class, () -> GoTime.parseDuration("1x")).getMessage());
    }
}
