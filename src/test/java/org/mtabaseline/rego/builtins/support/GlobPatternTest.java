package org.mtabaseline.rego.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobPatternTest {
    private static final List<Integer> DOT = List.of((int) '.');

    @Test
    void starStopsAtDelimiterButSuperStarCrossesIt() {
        assertTrue(GlobPattern.compile("*.github.com", DOT).matches("api.github.com"));
        assertFalse(GlobPattern.compile("*.github.com", DOT).matches("api.cdn.github.com"));
        assertTrue(GlobPattern.compile("api.**.com", DOT).matches("api.cdn.github.com"));
        assertTrue(GlobPattern.compile("*", List.of()).matches("foo.bar"));
    }

    @Test
    void characterClassesRangesAndNegation() {
        assertTrue(GlobPattern.compile("[abc]at", DOT).matches("cat"));
        assertFalse(GlobPattern.compile("[!abc]at", DOT).matches("cat"));
        assertTrue(GlobPattern.compile("[a-c]at", DOT).matches("bat"));
        assertTrue(GlobPattern.compile("[!a-c]at", DOT).matches("fat"));
    }

    @Test
    void singleWildcardRespectsDelimiters() {
        assertTrue(GlobPattern.compile("?at", List.of((int) 'f')).matches("bat"));
        assertFalse(GlobPattern.compile("?at", List.of((int) 'f')).matches("fat"));
        assertFalse(GlobPattern.compile("?at", DOT).matches("at"));
    }

    @Test
    void alternativesMayNestPatterns() {
        GlobPattern g = GlobPattern.compile("{cat,bat,[fr]at}", DOT);
        assertTrue(g.matches("rat"));
        assertTrue(g.matches("bat"));
        assertFalse(g.matches("at"));
    }

    @Test
    void escapedMetacharactersMatchLiterally() {
        assertTrue(GlobPattern.compile("\\*.com", DOT).matches("*.com"));
        assertFalse(GlobPattern.compile("\\*.com", DOT).matches("a.com"));
        assertEquals("\\*.github.com", GlobPattern.quoteMeta("*.github.com"));
        assertEquals("\\[\\{a\\}\\]\\?\\\\", GlobPattern.quoteMeta("[{a}]?\\"));
    }

    @Test
    void unterminatedClassIsAnError() {
        assertThrows(GlobPattern.GlobSyntaxException.class, () -> GlobPattern.compile("[abc", DOT));
        assertThrows(GlobPattern.GlobSyntaxException.class, () -> GlobPattern.compile("{a,b", DOT));
    }
}
