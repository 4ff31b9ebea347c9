package org.mtabaseline.attest.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Pre-Authentication Encoding of the DSSE v1 protocol: the exact bytes that get signed. */
public final class Dsse {

    private Dsse() {
    }

    /**
     * {@code PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, where LEN is the
     * ASCII decimal byte length without leading zeros (DSSE spec, protocol.md).
     */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        out.writeBytes("DSSEv1 ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(type);
        out.write(' ');
        out.writeBytes(Integer.toString(payload.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
