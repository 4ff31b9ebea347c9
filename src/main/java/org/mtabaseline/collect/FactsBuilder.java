package org.mtabaseline.collect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable accumulator the per-MTA collectors fill; {@link #build()} freezes it. */
public final class FactsBuilder {
    private final MtaKind kind;
    private String version;
    private final List<CollectedFacts.SourceFile> sources = new ArrayList<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<String, RelayPolicy> relay = new LinkedHashMap<>();
    private final List<Unresolved> unresolved = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public FactsBuilder(MtaKind kind) {
        this.kind = kind;
    }

    public MtaKind kind() {
        return kind;
    }

    public FactsBuilder version(String v) {
        this.version = v;
        return this;
    }

    public FactsBuilder source(ConfigFile f, String role) {
        sources.add(new CollectedFacts.SourceFile(f.name(), sha256(f.content()), role));
        return this;
    }

    /** Records what a supplied file turned out to be once the configuration referenced it (e.g. the aliases file). */
    public FactsBuilder role(String fileName, String role) {
        sources.replaceAll(s -> s.name().equals(fileName) ? new CollectedFacts.SourceFile(s.name(), s.sha256(), role) : s);
        return this;
    }

    public FactsBuilder setting(String key, Setting s) {
        settings.put(key, s);
        return this;
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    public FactsBuilder listener(Listener l) {
        listeners.add(l);
        return this;
    }

    public List<Listener> listeners() {
        return listeners;
    }

    public FactsBuilder relay(String listener, RelayPolicy p) {
        relay.put(listener, p);
        return this;
    }

    public FactsBuilder unresolved(Unresolved u) {
        boolean dup = unresolved.stream().anyMatch(x -> x.reference().equals(u.reference())
                && x.setting().equals(u.setting()));
        if (!dup) {
            unresolved.add(u);
        }
        return this;
    }

    public FactsBuilder warning(String message, Source at, String construct) {
        Diagnostic d = Diagnostic.warning(message, at, construct);
        if (!diagnostics.contains(d)) {
            diagnostics.add(d);
        }
        return this;
    }

    public FactsBuilder error(String message, Source at, String construct) {
        diagnostics.add(Diagnostic.error(message, at, construct));
        return this;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public CollectedFacts build() {
        return new CollectedFacts(kind, version, List.copyOf(sources), new LinkedHashMap<>(settings),
                List.copyOf(listeners), new LinkedHashMap<>(relay), List.copyOf(unresolved), List.copyOf(diagnostics));
    }

    public static String sha256(String content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
