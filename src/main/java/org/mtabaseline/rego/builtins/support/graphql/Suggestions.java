package org.mtabaseline.rego.builtins.support.graphql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** gqlparser's "Did you mean ...?" helpers: similar names by edit distance, and English or-lists. */
final class Suggestions {
    private Suggestions() {
    }

    /** The options close enough to the input, closest first. */
    static List<String> list(String input, List<String> options) {
        List<String> results = new ArrayList<>();
        Map<String, Integer> distances = new HashMap<>();
        for (String option : options) {
            int distance = lexicalDistance(input, option);
            int threshold = Math.max(Math.max(utf8Length(input), utf8Length(option)) / 2, 1);
            if (distance <= threshold) {
                results.add(option);
                distances.put(option, distance);
            }
        }
        results.sort(Comparator.comparingInt(distances::get));
        return results;
    }

    /** "A", "B", or "C" (at most five). */
    static String quotedOrList(List<String> items) {
        List<String> quoted = new ArrayList<>();
        for (String item : items) {
            quoted.add("\"" + item + "\"");
        }
        return orList(quoted);
    }

    /** A, B, or C (at most five). */
    static String orList(List<String> items) {
        List<String> list = items.size() > 5 ? items.subList(0, 5) : items;
        if (list.size() == 2) {
            return list.get(0) + " or " + list.get(1);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (i != 0) {
                b.append(i == list.size() - 1 ? ", or " : ", ");
            }
            b.append(list.get(i));
        }
        return b.toString();
    }

    // Go's len(): bytes of UTF-8
    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Levenshtein distance over code points, a change of case alone counting as one edit. */
    private static int lexicalDistance(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        String la = a.toLowerCase(Locale.ROOT);
        String lb = b.toLowerCase(Locale.ROOT);
        if (la.equals(lb)) {
            return 1;
        }
        int[] s = la.codePoints().toArray();
        int[] t = lb.codePoints().toArray();
        int[] prev = new int[t.length + 1];
        int[] cur = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= t.length; j++) {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[t.length];
    }
}
