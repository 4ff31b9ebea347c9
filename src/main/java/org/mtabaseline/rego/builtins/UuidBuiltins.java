package org.mtabaseline.rego.builtins;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code uuid.rfc4122} (a random version 4 UUID, the same for the same key within one query, as OPA
 * caches it) and {@code uuid.parse} (google/uuid formats; version, variant and the version 1/2 fields).
 */
public final class UuidBuiltins {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 100-ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
    private static final long G1582_NS100 = 122192928000000000L;

    private UuidBuiltins() {
    }

    private record CacheKey(Value key) {
    }

    public static void register(BuiltinRegistry r) {
        r.register("uuid.rfc4122", 1, (ctx, a) -> {
            Value key = a.get(0);
            return (Value) ctx.cache().computeIfAbsent(new CacheKey(key), k -> StringValue.of(randomV4()));
        });
        r.register("uuid.parse", 1, (ctx, a) -> {
            byte[] u = parse(Args.string(a, 0));
            return u == null ? null : describe(u);
        });
    }

    static String randomV4() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        String h = HexFormat.of().formatHex(b);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    /** google/uuid's Parse: 36 chars, urn:uuid: prefix, one wrapping char on each side, or 32 hex digits. */
    static byte[] parse(String s) {
        String t = s;
        switch (t.length()) {
            case 45 -> {
                if (!t.substring(0, 9).toLowerCase(Locale.ROOT).equals("urn:uuid:")) {
                    return null;
                }
                t = t.substring(9);
            }
            case 38 -> t = t.substring(1, 37);
            case 36 -> {
            }
            case 32 -> {
                return hex(t);
            }
            default -> {
                return null;
            }
        }
        if (t.charAt(8) != '-' || t.charAt(13) != '-' || t.charAt(18) != '-' || t.charAt(23) != '-') {
            return null;
        }
        return hex(t.replace("-", ""));
    }

    private static byte[] hex(String h) {
        if (h.length() != 32) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ObjectValue describe(byte[] u) {
        int version = (u[6] & 0xff) >> 4;
        ObjectValue.Builder out = ObjectValue.builder();
        out.put("version", NumberValue.of(version));
        out.put("variant", StringValue.of(variant(u[8] & 0xff)));
        if (version == 1 || version == 2) {
            long time = ((long) (u[0] & 0xff) << 24) | ((u[1] & 0xff) << 16) | ((u[2] & 0xff) << 8) | (u[3] & 0xff);
            time |= (long) (((u[4] & 0xff) << 8) | (u[5] & 0xff)) << 32;
            time |= (long) ((((u[6] & 0xff) << 8) | (u[7] & 0xff)) & 0xfff) << 48;
            long ns100 = time - G1582_NS100;
            out.put("time", NumberValue.of((ns100 / 10_000_000L) * 1_000_000_000L + (ns100 % 10_000_000L) * 100));
            out.put("clocksequence", NumberValue.of((((u[8] & 0xff) << 8) | (u[9] & 0xff)) & 0x3fff));
            StringBuilder node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                if (i > 10) {
                    node.append('-');
                }
                node.append(String.format("%02x", u[i] & 0xff));
            }
            out.put("nodeid", StringValue.of(node.toString()));
            out.put("macvariables", StringValue.of(macVariables(u[10] & 0xff)));
            if (version == 2) {
                long id = ((long) (u[0] & 0xff) << 24) | ((u[1] & 0xff) << 16) | ((u[2] & 0xff) << 8) | (u[3] & 0xff);
                out.put("id", NumberValue.of(id));
                out.put("domain", StringValue.of(switch (u[9] & 0xff) {
                    case 0 -> "Person";
                    case 1 -> "Group";
                    case 2 -> "Org";
                    default -> "Domain" + (u[9] & 0xff);
                }));
            }
        }
        return out.build();
    }

    private static String variant(int b) {
        if ((b & 0xc0) == 0x80) {
            return "RFC4122";
        } else if ((b & 0xe0) == 0xc0) {
            return "Microsoft";
        } else if ((b & 0xe0) == 0xe0) {
            return "Future";
        }
        return "Reserved";
    }

    private static String macVariables(int b) {
        if ((b & 3) == 3) {
            return "local:multicast";
        } else if ((b & 1) == 1) {
            return "global:multicast";
        } else if ((b & 2) == 2) {
            return "local:unicast";
        }
        return "global:unicast";
    }
}
