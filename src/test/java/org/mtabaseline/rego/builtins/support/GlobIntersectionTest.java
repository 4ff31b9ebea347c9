package org.mtabaseline.rego.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobIntersectionTest {
    @Test
    void overlappingPatternsIntersect() {
        assertTrue(GlobIntersection.nonEmpty("a.a.[0-9]+z", ".b.b2359825792*594823z"));
        assertTrue(GlobIntersection.nonEmpty("b.*", "bar"));
        assertTrue(GlobIntersection.nonEmpty("[a-z]+\\[[0-9]+\\]", "foo\\[1\\]"));
    }

    @Test
    void disjointPatternsDoNot() {
        assertFalse(GlobIntersection.nonEmpty("[a-z]+", "[0-9]*"));
        assertFalse(GlobIntersection.nonEmpty("[a-z]+\\[[0-9]+\\]", "foo[\"bar\"]"));
        assertFalse(GlobIntersection.nonEmpty("abc", "ab"));
    }

    @Test
    void malformedPatternReportsPosition() {
        GlobIntersection.GlobIntersectionException e = assertThrows(GlobIntersection.GlobIntersectionException.class,
                () -> GlobIntersection.nonEmpty("pqrs]", "[a-b]+"));
        assertEquals("input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
                e.getMessage());
    }
}
