package org.mtabaseline.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The policy files that decide: every {@code *.rego} module under the policy directory except the
 * {@code *_test.rego} unit tests, plus OPA data files ({@code data.json}). Its digest is
 * {@code sha256:} over the lines {@code "<sha256 of file>  <relative path>\n"} sorted by path, i.e.
 * {@code (cd policies && find . -name '*.rego' ! -name '*_test.rego' -printf '%P\n' | LC_ALL=C sort | xargs sha256sum) | sha256sum}.
 */
public final class PolicyBundle {

    /** One file of the bundle, by its '/'-separated path relative to the policy directory. */
    public record PolicyFile(String path, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        public boolean isModule() {
            return path.endsWith(".rego");
        }
    }

    public static final String NAME = "mta-baseline";

    private final List<PolicyFile> files;
    private final String digest;
    private volatile byte[] tarGz;

    private PolicyBundle(List<PolicyFile> files) {
        this.files = List.copyOf(files);
        this.digest = digestOf(this.files);
    }

    public static PolicyBundle of(List<PolicyFile> files) {
        return new PolicyBundle(files.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList());
    }

    /** Reads the bundle from a directory; a missing directory is a configuration error. */
    public static PolicyBundle load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyEngineException("policy directory '" + dir
                    + "' does not exist (set mta-baseline.policy.dir)", false, null);
        }
        // Follow links (a symlinked policies/, Kubernetes ConfigMap files) but skip hidden entries such
        // as a ConfigMap's ..data/ and ..<timestamp>/ directories, which hold the same files again.
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return of(walk.filter(Files::isRegularFile)
                    .filter(p -> isBundleFile(p.getFileName().toString()))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .map(p -> new PolicyFile(relative(dir, p), read(p)))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isBundleFile(String name) {
        return (name.endsWith(".rego") && !name.endsWith("_test.rego"))
                || name.equals("data.json");
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<PolicyFile> files() {
        return files;
    }

    public List<PolicyFile> modules() {
        return files.stream().filter(PolicyFile::isModule).toList();
    }

    public String digest() {
        return digest;
    }

    static String digestOf(List<PolicyFile> files) {
        StringBuilder lines = new StringBuilder();
        for (PolicyFile f : files) {
            lines.append(sha256(f.content())).append("  ").append(f.path()).append('\n');
        }
        return "sha256:" + sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bundle as an OPA bundle archive: the files at their relative paths plus a {@code .manifest}
     * whose revision is the digest and whose root is {@code mta}. Byte-for-byte reproducible.
     */
    public byte[] tarGz() {
        byte[] cached = tarGz;
        if (cached == null) {
            cached = buildTarGz();
            tarGz = cached;
        }
        return cached;
    }

    private byte[] buildTarGz() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String manifest = "{\"revision\":\"" + digest + "\",\"roots\":[\"mta\"]}";
            add(tar, ".manifest", manifest.getBytes(StandardCharsets.UTF_8));
            for (PolicyFile f : files) {
                add(tar, f.path(), f.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        entry.setModTime(0L);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
