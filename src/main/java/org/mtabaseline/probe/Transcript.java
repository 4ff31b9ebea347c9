package org.mtabaseline.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dialogue of every session of one target, in order, with timings; AUTH payloads never reach it. */
final class Transcript {
    private final long t0 = System.nanoTime();
    private final List<TranscriptLine> lines = new ArrayList<>();

    synchronized void add(int session, ProbePath path, int port, String dir, String line, Long latencyMs) {
        lines.add(new TranscriptLine(session, path, port, elapsedMs(), dir, line, latencyMs));
    }

    long elapsedMs() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    synchronized List<TranscriptLine> lines() {
        return List.copyOf(lines);
    }

    /** Masks what a client line would reveal of credentials: AUTH initial responses and 334 continuations. */
    static String mask(String clientLine, boolean afterChallenge) {
        if (afterChallenge) {
            return "*** (AUTH response masked)";
        }
        String[] parts = clientLine.trim().split(" ", 3);
        if (parts.length == 3 && parts[0].toUpperCase(Locale.ROOT).equals("AUTH")) {
            return parts[0] + " " + parts[1] + " ***";
        }
        return clientLine.trim();
    }
}
