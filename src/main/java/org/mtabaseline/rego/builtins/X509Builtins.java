package org.mtabaseline.rego.builtins;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code crypto.x509.*} and {@code crypto.parse_private_keys}: certificates, requests and keys from
 * PEM or base64 (PEM or DER), rendered with the field names of Go's x509 structs that policies read
 * (Subject.CommonName, DNSNames, URIStrings, NotBefore, ...).
 */
public final class X509Builtins {
    private X509Builtins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("crypto.x509.parse_certificates", 1, (ctx, a) -> {
            List<Value> out = new ArrayList<>();
            for (X509Certificate c : certificates(Args.string(a, 0))) {
                out.add(describe(c));
            }
            return ArrayValue.of(out);
        });
        r.register("crypto.x509.parse_and_verify_certificates", 1, (ctx, a) -> {
            List<X509Certificate> chain = verifyChain(certificates(Args.string(a, 0)));
            if (chain == null) {
                return ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
            }
            List<Value> out = new ArrayList<>();
            for (X509Certificate c : chain) {
                out.add(describe(c));
            }
            return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(out));
        });
        r.register("crypto.x509.parse_certificate_request", 1, (ctx, a) -> {
            byte[] der = singleBlock(Args.string(a, 0), "CERTIFICATE REQUEST");
            return describeRequest(der);
        });
        r.register("crypto.x509.parse_keypair", 2, (ctx, a) -> {
            List<X509Certificate> certs = certificates(Args.string(a, 0));
            privateKeys(decodeMaybeBase64(Args.string(a, 1)));
            List<Value> ders = new ArrayList<>();
            for (X509Certificate c : certs) {
                try {
                    ders.add(StringValue.of(Base64.getEncoder().encodeToString(c.getEncoded())));
                } catch (GeneralSecurityException e) {
                    throw BuiltinException.error(e.getMessage());
                }
            }
            ObjectValue.Builder out = ObjectValue.builder();
            out.put("Certificate", ArrayValue.of(ders));
            out.put("Leaf", certs.isEmpty() ? NullValue.NULL : describe(certs.get(0)));
            return out.build();
        });
        r.register("crypto.x509.parse_rsa_private_key", 1, (ctx, a) -> {
            String text = decodeMaybeBase64(Args.string(a, 0));
            for (PrivateKey k : privateKeys(text)) {
                if (k instanceof RSAPrivateCrtKey rsa) {
                    return rsaJwk(rsa);
                }
            }
            throw BuiltinException.error("failed to parse RSA private key");
        });
        r.register("crypto.parse_private_keys", 1, (ctx, a) -> {
            String s = Args.string(a, 0);
            if (s.isEmpty()) {
                return NullValue.NULL;
            }
            List<Value> out = new ArrayList<>();
            String text = s.startsWith("-----BEGIN") ? s : tryBase64(s);
            if (text == null) {
                return ArrayValue.EMPTY;
            }
            for (PrivateKey k : privateKeys(text)) {
                out.add(k instanceof RSAPrivateCrtKey rsa ? rsaJwk(rsa)
                        : ObjectValue.of(java.util.Map.of("kty", StringValue.of(k.getAlgorithm()))));
            }
            return ArrayValue.of(out);
        });
    }

    // ------------------------------------------------------------------ input decoding

    private record Pem(String type, byte[] der) {
    }

    private static List<Pem> pemBlocks(String text) {
        List<Pem> out = new ArrayList<>();
        int pos = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", pos);
            if (begin < 0) {
                return out;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                return out;
            }
            String type = text.substring(begin + 11, typeEnd);
            String endMarker = "-----END " + type + "-----";
            int end = text.indexOf(endMarker, typeEnd);
            if (end < 0) {
                return out;
            }
            String body = text.substring(typeEnd + 5, end);
            // Skip RFC 1421 headers (Proc-Type etc.) before the base64 body.
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank > 0) {
                body = body.substring(blank);
            }
            try {
                out.add(new Pem(type, Base64.getMimeDecoder().decode(body.trim())));
            } catch (IllegalArgumentException e) {
                throw BuiltinException.error("failed to decode PEM block");
            }
            pos = end + endMarker.length();
        }
    }

    private static String tryBase64(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Bytes of a base64 string, failing with Go's message. */
    private static byte[] base64(String s) {
        try {
            if (s.length() % 4 != 0) {
                throw new IllegalArgumentException();
            }
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
            int bad = 0;
            while (bad < s.length() && alphabet.indexOf(s.charAt(bad)) >= 0) {
                bad++;
            }
            if (bad == s.length()) {
                bad = Math.max(0, s.length() - s.length() % 4);
            }
            throw BuiltinException.error("illegal base64 data at input byte " + bad);
        }
    }

    private static String decodeMaybeBase64(String s) {
        if (s.startsWith("-----BEGIN")) {
            return s;
        }
        return new String(base64(s), StandardCharsets.ISO_8859_1);
    }

    /** OPA's getX509CertsFromString: PEM text, or base64 of PEM or of DER. */
    private static List<X509Certificate> certificates(String s) {
        byte[] der;
        if (s.startsWith("-----BEGIN")) {
            der = pemDer(s, "CERTIFICATE");
        } else {
            byte[] raw = base64(s);
            String asText = new String(raw, StandardCharsets.ISO_8859_1);
            der = asText.startsWith("-----BEGIN") ? pemDer(asText, "CERTIFICATE") : raw;
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> certs = f.generateCertificates(new ByteArrayInputStream(der));
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw BuiltinException.error("x509: malformed certificate");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof BuiltinException be) {
                throw be;
            }
            throw BuiltinException.error("x509: malformed certificate");
        }
    }

    /** The concatenated DER of all PEM blocks of a type. */
    private static byte[] pemDer(String text, String type) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Pem p : pemBlocks(text)) {
            if (p.type.equals(type)) {
                out.writeBytes(p.der);
            }
        }
        return out.toByteArray();
    }

    private static byte[] singleBlock(String s, String type) {
        if (s.startsWith("-----BEGIN")) {
            return pemDer(s, type);
        }
        byte[] raw = base64(s);
        String asText = new String(raw, StandardCharsets.ISO_8859_1);
        return asText.startsWith("-----BEGIN") ? pemDer(asText, type) : raw;
    }

    // ------------------------------------------------------------------ rendering

    private static Value describe(X509Certificate c) {
        ObjectValue.Builder o = ObjectValue.builder();
        try {
            o.put("Raw", StringValue.of(Base64.getEncoder().encodeToString(c.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(e.getMessage());
        }
        o.put("Version", NumberValue.of(c.getVersion()));
        o.put("SerialNumber", NumberValue.of(c.getSerialNumber()));
        o.put("Issuer", name(c.getIssuerX500Principal().getName()));
        o.put("Subject", name(c.getSubjectX500Principal().getName()));
        DateTimeFormatter rfc3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        o.put("NotBefore", StringValue.of(c.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).format(rfc3339)
                .replace("+00:00", "Z")));
        o.put("NotAfter", StringValue.of(c.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).format(rfc3339)
                .replace("+00:00", "Z")));
        o.put("IsCA", BooleanValue.of(c.getBasicConstraints() >= 0));
        o.put("SignatureAlgorithm", StringValue.of(c.getSigAlgName()));
        o.put("PublicKeyAlgorithm", StringValue.of(c.getPublicKey().getAlgorithm()));
        List<Value> dns = new ArrayList<>();
        List<Value> emails = new ArrayList<>();
        List<Value> ips = new ArrayList<>();
        List<Value> uris = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    switch (type) {
                        case 1 -> emails.add(StringValue.of(value));
                        case 2 -> dns.add(StringValue.of(value));
                        case 6 -> uris.add(StringValue.of(value));
                        case 7 -> ips.add(StringValue.of(value));
                        default -> {
                        }
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(e.getMessage());
        }
        o.put("DNSNames", nullIfEmpty(dns));
        o.put("EmailAddresses", nullIfEmpty(emails));
        o.put("IPAddresses", nullIfEmpty(ips));
        o.put("URIStrings", nullIfEmpty(uris));
        return o.build();
    }

    private static Value nullIfEmpty(List<Value> values) {
        return values.isEmpty() ? NullValue.NULL : ArrayValue.of(values);
    }

    /** Go's pkix.Name: the common attributes of an RFC 2253 distinguished name. */
    private static Value name(String rfc2253) {
        List<Value> country = new ArrayList<>();
        List<Value> org = new ArrayList<>();
        List<Value> orgUnit = new ArrayList<>();
        List<Value> locality = new ArrayList<>();
        List<Value> province = new ArrayList<>();
        List<Value> street = new ArrayList<>();
        List<Value> postal = new ArrayList<>();
        String cn = "";
        String serial = "";
        try {
            List<Rdn> rdns = new ArrayList<>(new LdapName(rfc2253).getRdns());
            for (Rdn rdn : rdns) {
                String v = String.valueOf(rdn.getValue());
                switch (rdn.getType().toUpperCase(java.util.Locale.ROOT)) {
                    case "C" -> country.add(StringValue.of(v));
                    case "O" -> org.add(StringValue.of(v));
                    case "OU" -> orgUnit.add(StringValue.of(v));
                    case "L" -> locality.add(StringValue.of(v));
                    case "ST" -> province.add(StringValue.of(v));
                    case "STREET" -> street.add(StringValue.of(v));
                    case "2.5.4.17" -> postal.add(StringValue.of(v));
                    case "CN" -> cn = v;
                    case "2.5.4.5" -> serial = v;
                    default -> {
                    }
                }
            }
        } catch (InvalidNameException e) {
            // leave the attributes empty
        }
        ObjectValue.Builder o = ObjectValue.builder();
        o.put("Country", nullIfEmpty(country));
        o.put("Organization", nullIfEmpty(org));
        o.put("OrganizationalUnit", nullIfEmpty(orgUnit));
        o.put("Locality", nullIfEmpty(locality));
        o.put("Province", nullIfEmpty(province));
        o.put("StreetAddress", nullIfEmpty(street));
        o.put("PostalCode", nullIfEmpty(postal));
        o.put("SerialNumber", StringValue.of(serial));
        o.put("CommonName", StringValue.of(cn));
        return o.build();
    }

    /** A PKCS#10 request: version, subject and the raw encoding (read with a small DER reader). */
    private static Value describeRequest(byte[] der) {
        try {
            Der.Node request = Der.parse(der);
            Der.Node info = request.children().get(0);
            Der.Node subject = info.children().get(1);
            javax.security.auth.x500.X500Principal p = new javax.security.auth.x500.X500Principal(subject.encoded());
            ObjectValue.Builder o = ObjectValue.builder();
            o.put("Raw", StringValue.of(Base64.getEncoder().encodeToString(der)));
            o.put("Version", NumberValue.of(new BigInteger(info.children().get(0).content())));
            o.put("Subject", name(p.getName()));
            return o.build();
        } catch (RuntimeException e) {
            throw BuiltinException.error("asn1: structure error: " + e.getMessage());
        }
    }

    /**
     * OPA's chain check: the first certificate is the root, the last the leaf, the rest intermediates.
     * Returns the verified chain leaf first (as Go's Verify does), or null.
     */
    private static List<X509Certificate> verifyChain(List<X509Certificate> certs) {
        if (certs.size() < 2) {
            return null;
        }
        X509Certificate root = certs.get(0);
        X509Certificate leaf = certs.get(certs.size() - 1);
        List<X509Certificate> pool = new ArrayList<>(certs.subList(1, certs.size() - 1));
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!current.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            X509Certificate next = null;
            for (X509Certificate c : pool) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            pool.remove(next);
            path.add(next);
            current = next;
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(f.generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            return null;
        }
        List<X509Certificate> chain = new ArrayList<>(path);
        chain.add(root);
        return chain;
    }

    // ------------------------------------------------------------------ private keys

    static List<PrivateKey> privateKeys(String pemText) {
        List<PrivateKey> out = new ArrayList<>();
        for (Pem p : pemBlocks(pemText)) {
            try {
                switch (p.type) {
                    case "PRIVATE KEY" -> {
                        for (String alg : List.of("RSA", "EC", "Ed25519")) {
                            try {
                                out.add(KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(p.der)));
                                break;
                            } catch (GeneralSecurityException e) {
                                // try the next algorithm
                            }
                        }
                    }
                    case "RSA PRIVATE KEY" -> {
                        List<Der.Node> f = Der.parse(p.der).children();
                        out.add(KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                                f.get(1).integer(), f.get(2).integer(), f.get(3).integer(), f.get(4).integer(),
                                f.get(5).integer(), f.get(6).integer(), f.get(7).integer(), f.get(8).integer())));
                    }
                    default -> {
                    }
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                throw BuiltinException.error("failed to parse private key: " + e.getMessage());
            }
        }
        return out;
    }

    private static Value rsaJwk(RSAPrivateCrtKey k) {
        ObjectValue.Builder o = ObjectValue.builder();
        o.put("kty", StringValue.of("RSA"));
        o.put("n", b64u(k.getModulus()));
        o.put("e", b64u(k.getPublicExponent()));
        o.put("d", b64u(k.getPrivateExponent()));
        o.put("p", b64u(k.getPrimeP()));
        o.put("q", b64u(k.getPrimeQ()));
        o.put("dp", b64u(k.getPrimeExponentP()));
        o.put("dq", b64u(k.getPrimeExponentQ()));
        o.put("qi", b64u(k.getCrtCoefficient()));
        return o.build();
    }

    private static StringValue b64u(BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return StringValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** A minimal DER reader: enough for PKCS#1 keys and PKCS#10 request headers. */
    static final class Der {
        private Der() {
        }

        /** One TLV: the whole input, and where this element's header, content and end lie. */
        record Node(byte[] all, int start, int contentStart, int end) {
            byte[] content() {
                return java.util.Arrays.copyOfRange(all, contentStart, end);
            }

            byte[] encoded() {
                return java.util.Arrays.copyOfRange(all, start, end);
            }

            BigInteger integer() {
                return new BigInteger(content());
            }

            List<Node> children() {
                List<Node> out = new ArrayList<>();
                int pos = contentStart;
                while (pos < end) {
                    Node n = at(all, pos);
                    out.add(n);
                    pos = n.end;
                }
                return out;
            }
        }

        static Node parse(byte[] der) {
            return at(der, 0);
        }

        private static Node at(byte[] der, int pos) {
            if (pos + 2 > der.length) {
                throw new IllegalArgumentException("data truncated");
            }
            int lenByte = der[pos + 1] & 0xff;
            int len;
            int hdr = 2;
            if (lenByte < 0x80) {
                len = lenByte;
            } else {
                int n = lenByte & 0x7f;
                if (n == 0 || n > 4 || pos + 2 + n > der.length) {
                    throw new IllegalArgumentException("unsupported length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[pos + 2 + i] & 0xff);
                }
                hdr += n;
            }
            if (len < 0 || pos + hdr + len > der.length) {
                throw new IllegalArgumentException("data truncated");
            }
            return new Node(der, pos, pos + hdr, pos + hdr + len);
        }
    }
}
