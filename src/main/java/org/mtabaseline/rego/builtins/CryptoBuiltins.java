package org.mtabaseline.rego.builtins;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.StringValue;

/** Hashes and HMACs of UTF-8 strings, hex-encoded: {@code crypto.md5 sha1 sha256}, {@code crypto.hmac.*}. */
public final class CryptoBuiltins {
    private CryptoBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("crypto.md5", 1, (ctx, a) -> digest("MD5", Args.string(a, 0)));
        r.register("crypto.sha1", 1, (ctx, a) -> digest("SHA-1", Args.string(a, 0)));
        r.register("crypto.sha256", 1, (ctx, a) -> digest("SHA-256", Args.string(a, 0)));
        r.register("crypto.hmac.md5", 2, (ctx, a) -> hmac("HmacMD5", Args.string(a, 0), Args.string(a, 1)));
        r.register("crypto.hmac.sha1", 2, (ctx, a) -> hmac("HmacSHA1", Args.string(a, 0), Args.string(a, 1)));
        r.register("crypto.hmac.sha256", 2, (ctx, a) -> hmac("HmacSHA256", Args.string(a, 0), Args.string(a, 1)));
        r.register("crypto.hmac.sha512", 2, (ctx, a) -> hmac("HmacSHA512", Args.string(a, 0), Args.string(a, 1)));
        r.register("crypto.hmac.equal", 2, (ctx, a) -> BooleanValue.of(MessageDigest.isEqual(
                Args.string(a, 0).getBytes(StandardCharsets.UTF_8), Args.string(a, 1).getBytes(StandardCharsets.UTF_8))));
    }

    private static StringValue digest(String algorithm, String s) {
        try {
            byte[] h = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            return StringValue.of(HexFormat.of().formatHex(h));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static StringValue hmac(String algorithm, String message, String key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // An empty HMAC key pads to the all-zero block, as one zero byte does; SecretKeySpec refuses length 0.
            byte[] k = key.isEmpty() ? new byte[1] : key.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(k, algorithm));
            return StringValue.of(HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }
}
