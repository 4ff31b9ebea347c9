package org.mtabaseline.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared real-world corpus (shared/corpus/INDEX.tsv), found through MTA_BASELINE_CORPUS (env or system
 * property) or by walking up from the project directory. Never copied into the repository.
 */
final class Corpus {
    record Entry(String file, String mta, String sourceRepo, String label, String reason) {
        boolean isMasterCf() {
            return file.contains("master.cf");
        }

        boolean isMainCf() {
            return mta.equals("postfix") && !isMasterCf();
        }
    }

    private Corpus() {
    }

    static Path root() {
        String configured = System.getProperty("MTA_BASELINE_CORPUS", System.getenv("MTA_BASELINE_CORPUS"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (Files.isRegularFile(p.resolve("INDEX.tsv"))) {
                return p;
            }
            throw new IllegalStateException("MTA_BASELINE_CORPUS=" + configured + " has no INDEX.tsv");
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared/corpus");
            if (Files.isRegularFile(c.resolve("INDEX.tsv"))) {
                return c;
            }
        }
        throw new IllegalStateException("shared/corpus/INDEX.tsv not found above " + Path.of("").toAbsolutePath()
                + "; set MTA_BASELINE_CORPUS to the corpus directory");
    }

    static List<Entry> entries() {
        try {
            List<String> lines = Files.readAllLines(root().resolve("INDEX.tsv"), StandardCharsets.UTF_8);
            List<Entry> out = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (l.isBlank()) {
                    continue;
                }
                String[] c = l.split("\t", -1);
                out.add(new Entry(c[0], c[1], c[2], c[6], c[7]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfigFile file(Entry e) {
        try {
            return new ConfigFile(e.file(), Files.readString(root().resolve(e.file()), StandardCharsets.UTF_8));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** The files to evaluate for a row: a master.cf goes with the one main.cf of the same repository. */
    static List<ConfigFile> filesFor(Entry e, List<Entry> all) {
        List<ConfigFile> files = new ArrayList<>();
        if (e.isMasterCf()) {
            List<Entry> mains = all.stream().filter(o -> o.sourceRepo().equals(e.sourceRepo()) && o.isMainCf()).toList();
            String stem = e.file().replace("master.cf", "main.cf");
            List<Entry> sameStem = mains.stream().filter(o -> o.file().startsWith(stem)).toList();
            if (sameStem.size() == 1) {
                files.add(file(sameStem.get(0)));
            } else if (mains.size() == 1) {
                files.add(file(mains.get(0)));
            }
        }
        files.add(file(e));
        return files;
    }
}
