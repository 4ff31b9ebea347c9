package org.mtabaseline.rego.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoRegexTest {
    @Test
    void dollarMatchesOnlyAtEndOfTextUnlessMultiline() {
        assertFalse(GoRegex.compile("a$").matches("a\n"), "Java's $ would match before a final newline");
        assertTrue(GoRegex.compile("(?m)a$").matches("a\nb"));
    }

    @Test
    void rejectsWhatRe2Rejects() {
        for (String bad : List.of("(?=x)", "(?!x)", "(?<=x)", "(a)\\1", "a++", "a**", "x{1001}", "$^[[[", "++", "\\h")) {
            assertFalse(GoRegex.isValid(bad), bad);
        }
        assertTrue(GoRegex.isValid(".+"));
        assertTrue(GoRegex.isValid("(?P<word>\\w+)"));
    }

    @Test
    void translatesClassesThatDifferInJava() {
        assertTrue(GoRegex.compile("[[:alpha:]]+").pattern().matcher("abc").matches());
        assertTrue(GoRegex.compile("[a[]").matches("["), "[ is literal inside an RE2 class");
        assertTrue(GoRegex.compile("[a&&b]").matches("&"), "&& is literal inside an RE2 class");
        assertFalse(GoRegex.compile("^\\s$").matches("\u000B"), "RE2's \\s excludes vertical tab");
    }

    @Test
    void findAllSkipsEmptyMatchRightAfterPreviousMatch() {
        assertEquals(List.of("", "aaa", ""), GoRegex.compile("a*").findAllStrings("baaac", -1));
        assertEquals(List.of("ar", "an"), GoRegex.compile("a.").findAllStrings("paranormal", 2));
    }

    @Test
    void submatchesUseEmptyStringForUnsetGroups() {
        assertEquals(List.of(List.of("som", "o", "m"), List.of("ri", "i", "")),
                GoRegex.compile("[^aouiye]([aouiye])([^aouiye])?").findAllSubmatches("somestri", -1));
    }

    @Test
    void splitFollowsGo() {
        assertEquals(List.of("b", "n", "n", ""), GoRegex.compile("a").split("banana"));
        assertEquals(List.of("", ""), GoRegex.compile("^[a-z ]+$").split("foobar baz"));
        assertEquals(List.of(""), GoRegex.compile("x").split(""));
    }

    @Test
    void replaceExpandsGoTemplates() {
        assertEquals("foofoo", GoRegex.compile("(foo)").replaceAll("foo", "$1$1"));
        assertEquals("-0-0-", GoRegex.compile("w(x*)y").replaceAll("-wy-wxxy-", "0"));
        assertEquals("", GoRegex.compile("(foo)").replaceAll("foo", "$1x"), "$1x names group '1x'");
        assertEquals("foo!", GoRegex.compile("(foo)").replaceAll("foo", "${1}!"));
    }

    @Test
    void invalidPatternMessageNamesThePattern() {
        GoRegex.GoRegexException e = assertThrows(GoRegex.GoRegexException.class, () -> GoRegex.compile("a**"));
        assertEquals("error parsing regexp: invalid nested repetition operator: `**`", e.getMessage());
    }
}
