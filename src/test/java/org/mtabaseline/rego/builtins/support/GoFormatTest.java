package org.mtabaseline.rego.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoFormatTest {
    private static String f(String format, Object... args) {
        return GoFormat.sprintf(format, List.of(args));
    }

    @Test
    void integersWithWidthZeroPadAndBases() {
        assertEquals("hi 05", f("hi %02d", 5L));
        assertEquals("hi 7F.01", f("hi %02X.%02X", 127L, 1L));
        assertEquals("-ff|0x1f|1010|17", f("%x|%#x|%b|%o", -255L, 31L, 10L, 15L));
        assertEquals("+3  |  -3", f("%-+4d|%4d", 3L, -3L));
        assertEquals("123456789123456789123", f("%s", new BigInteger("123456789123456789123")));
    }

    @Test
    void floatsLikeGo() {
        assertEquals("hi 3.14", f("hi %.2f", 3.1415));
        assertEquals("3.14", f("%v", 3.14));
        assertEquals("1.234567e+06", f("%v", 1234567.0));
        assertEquals("1e-05", f("%v", 0.00001));
        assertEquals("1.500000e+00", f("%e", 1.5));
        assertEquals("2.5", f("%g", 2.5));
    }

    @Test
    void stringsQuotingAndPadding() {
        assertEquals("hi there", f("hi %s", "there"));
        assertEquals("\"a\\n\"", f("%q", "a\n"));
        assertEquals("  ab|ab  |abc", f("%4s|%-4s|%.3s", "ab", "ab", "abcdef"));
        assertEquals("6869", f("%x", "hi"));
    }

    @Test
    void mismatchesRenderGoErrorForms() {
        assertEquals("%!d(string=x)", f("%d", "x"));
        assertEquals("%!s(int=5)", f("%s", 5L));
        assertEquals("a %!d(MISSING)", f("a %d"));
        assertEquals("a%!(EXTRA int=1)", f("a", 1L));
        assertEquals("100%", f("100%%"));
    }
}
