package com.vpcflow.monitoring.metrics;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text as the job keeps it in byte buffers (decoded payloads, parsed fields): what the payload reader let in
 * is kept as its bytes, and what it decoded from an escape is encoded here, one char at a time, so an escaped lone
 * surrogate ({@code \uD800}) is kept too, as its three bytes (a surrogate pair from two escapes: six bytes, the two
 * chars). {@link #string} turns both back into exactly the chars the reader decoded, sequence by sequence with the
 * reader's rules; a byte no valid sequence starts with (never from the reader) reads as U+FFFD.
 */
public final class Utf8 {
    private Utf8() {}

    /** The chars of {@code b[from, to)}. */
    public static String string(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] >= 0) i++;
        if (i == to) return new String(b, from, to - from, StandardCharsets.ISO_8859_1); // ASCII: a plain copy
        char[] out = new char[to - from];
        int n = 0;
        for (int j = from; j < i; j++) out[n++] = (char) b[j];
        while (i < to) {
            int lead = b[i] & 0xff;
            int extra, code;
            if (lead < 0x80) {
                out[n++] = (char) lead;
                i++;
                continue;
            } else if ((lead & 0xe0) == 0xc0) {
                extra = 1;
                code = lead & 0x1f;
            } else if ((lead & 0xf0) == 0xe0) {
                extra = 2;
                code = lead & 0x0f;
            } else if ((lead & 0xf8) == 0xf0) {
                extra = 3;
                code = lead & 0x07;
            } else {
                out[n++] = '\ufffd';
                i++;
                continue;
            }
            if (i + extra >= to) { // cut off
                out[n++] = '\ufffd';
                i++;
                continue;
            }
            boolean valid = true;
            for (int k = 1; k <= extra; k++) {
                int c = b[i + k] & 0xff;
                valid &= (c & 0xc0) == 0x80;
                code = (code << 6) | (c & 0x3f);
            }
            if (!valid) {
                out[n++] = '\ufffd';
                i++;
                continue;
            }
            i += 1 + extra;
            if (extra == 3) { // as the reader decodes it: a pair of surrogates
                code -= 0x10000;
                out[n++] = (char) (0xd800 + (code >> 10));
                out[n++] = (char) (0xdc00 + (code & 0x3ff));
            } else {
                out[n++] = (char) code;
            }
        }
        return new String(out, 0, n);
    }

    /** The bytes of {@code s}, each char encoded on its own (see the class comment). */
    public static byte[] bytes(String s) {
        byte[] out = new byte[3 * s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) n = encode(s.charAt(i), out, n);
        return java.util.Arrays.copyOf(out, n);
    }

    /** How many bytes {@link #encode} writes for {@code c}: 1 to 3. */
    public static int length(char c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }

    /** Writes {@code c} at {@code at}; returns the position after it. */
    public static int encode(char c, byte[] out, int at) {
        if (c < 0x80) {
            out[at++] = (byte) c;
        } else if (c < 0x800) {
            out[at++] = (byte) (0xc0 | c >> 6);
            out[at++] = (byte) (0x80 | (c & 0x3f));
        } else {
            out[at++] = (byte) (0xe0 | c >> 12);
            out[at++] = (byte) (0x80 | (c >> 6 & 0x3f));
            out[at++] = (byte) (0x80 | (c & 0x3f));
        }
        return at;
    }
}
