package org.mtabaseline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.api.AdmissionConfig.Mode;

class NamespaceModesTest {

    @Test
    void firstMatchingPatternWinsElseTheGlobalMode() {
        NamespaceModes m = new NamespaceModes(Mode.AUDIT, List.of("prod-*=enforce", " payments = Enforce ", "*-dev=audit"));
        assertEquals(Mode.ENFORCE, m.modeFor("prod-mail"));
        assertEquals(Mode.ENFORCE, m.modeFor("payments"));
        assertEquals(Mode.AUDIT, m.modeFor("payments-dev"));
        assertEquals(Mode.AUDIT, m.modeFor("prod"), "'prod-*' needs the dash");
        assertEquals(Mode.AUDIT, m.modeFor(null));
        NamespaceModes strict = new NamespaceModes(Mode.ENFORCE, List.of("sandbox=audit"));
        assertEquals(Mode.ENFORCE, strict.modeFor("sandbox2"), "no partial matches");
        assertEquals(Mode.AUDIT, strict.modeFor("sandbox"));
    }

    @Test
    void patternCharactersAreLiteralAndMalformedEntriesAreRefusedNamingTheSetting() {
        NamespaceModes m = new NamespaceModes(Mode.AUDIT, List.of("a*b=enforce"));
        assertEquals(Mode.ENFORCE, m.modeFor("a-long-b"));
        for (String bad : List.of("prod", "prod=block", "=enforce", "Prod=enforce", "pr.d=enforce", "a|b=audit")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NamespaceModes(Mode.AUDIT, List.of(bad)), bad);
            assertTrue(e.getMessage().contains("mta-baseline.admission.namespace-modes"), e.getMessage());
        }
    }
}
