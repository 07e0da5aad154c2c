package com.vpcflow.monitoring.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.metrics.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** {@link GzipInflater} against the JDK's {@link GZIPInputStream} as the oracle, on the same bytes. */
class GzipInflaterTest {
    private static final byte[] TEXT =
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}".getBytes(StandardCharsets.UTF_8);

    /** What GZIPInputStream reads from the bytes, or the skip reason its exception maps to. */
    private static Object oracle(byte[] gz) {
        // the decoder's reason when the magic is missing (GZIPInputStream: EOFException for fewer than 2 bytes)
        if (gz.length < 2 || gz[0] != (byte) 0x1f || gz[1] != (byte) 0x8b) return SkipReason.NOT_GZIP;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            return SkipReason.TRUNCATED;
        } catch (ZipException e) {
            return gz.length < 2 || gz[0] != (byte) 0x1f || gz[1] != (byte) 0x8b
                    ? SkipReason.NOT_GZIP
                    : SkipReason.CORRUPT_GZIP;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Object inflated(byte[] gz, long cap) {
        GzipInflater g = new GzipInflater(cap);
        try {
            int n = g.inflate(gz);
            return g.tooLarge() ? SkipReason.TOO_LARGE : Arrays.copyOf(g.output(), n);
        } catch (BadPayloadException e) {
            return e.reason();
        }
    }

    @Test
    void readsWhatGzipInputStreamReadsAndRefusesWhatItRefuses() throws Exception {
        byte[] plain = member(TEXT, 0, null, null, null, false);
        byte[] big = new byte[300_000];
        new SplittableRandom(3).nextBytes(big); // incompressible: many inflate calls, a growing buffer
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("plain member", plain);
        cases.put("empty content", member(new byte[0], 0, null, null, null, false));
        cases.put("300 KB of random bytes", member(big, 0, null, null, null, false));
        cases.put("extra field, name, comment, header CRC", member(TEXT, 0, new byte[] {1, 2, 3}, "a.json", "c", true));
        cases.put(
                "two members",
                concat(plain, member("tail".getBytes(StandardCharsets.UTF_8), 0, null, null, null, false)));
        cases.put("garbage after the trailer", concat(plain, "garbage".getBytes(StandardCharsets.US_ASCII)));
        cases.put("one byte after the trailer", concat(plain, new byte[] {0x1f}));
        cases.put("a cut header after the trailer", concat(plain, Arrays.copyOf(plain, 6)));
        cases.put("empty", new byte[0]);
        cases.put("not gzip", "plain text".getBytes(StandardCharsets.US_ASCII));
        cases.put("header only", Arrays.copyOf(plain, 10));
        cases.put("cut in the header", Arrays.copyOf(plain, 5));
        cases.put("cut in the data", Arrays.copyOf(plain, plain.length / 2));
        cases.put("cut in the trailer", Arrays.copyOf(plain, plain.length - 3));
        cases.put("bad CRC", flip(plain, plain.length - 8));
        cases.put("bad length", flip(plain, plain.length - 1));
        cases.put("bad header CRC", flip(member(TEXT, 0, null, "n", null, true), 13));
        cases.put("method not deflate", set(plain, 2, 7));
        cases.put("corrupt data", set(plain, 10, 0xff));
        cases.put(
                "name without its end",
                concat(Arrays.copyOf(set(plain, 3, 8), 10), "abc".getBytes(StandardCharsets.US_ASCII)));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Object expected = oracle(c.getValue());
            Object actual = inflated(c.getValue(), 1 << 20);
            if (expected instanceof byte[] bytes) {
                assertThat(actual).as(c.getKey()).isInstanceOf(byte[].class);
                assertThat((byte[]) actual).as(c.getKey()).isEqualTo(bytes);
            } else {
                assertThat(actual).as(c.getKey()).isEqualTo(expected);
            }
        }
        assertThat(oracle(cases.get("bad CRC"))).isEqualTo(SkipReason.CORRUPT_GZIP); // the oracle does refuse these
        assertThat(oracle(cases.get("bad header CRC"))).isEqualTo(SkipReason.CORRUPT_GZIP);
    }

    @Test
    void stopsAtTheCapWithTheFirstBytesKept() throws Exception {
        byte[] text = new byte[100_000];
        Arrays.fill(text, (byte) 'x');
        GzipInflater g = new GzipInflater(1000);
        g.inflate(member(text, 0, null, null, null, false));
        assertThat(g.tooLarge()).isTrue();
        assertThat(g.output().length).isLessThanOrEqualTo(1001); // never more than the cap and one byte
        assertThat(inflated(member(text, 0, null, null, null, false), 100_000)).isEqualTo(text); // at the cap: kept
        // one inflater serves payload after payload
        GzipInflater again = new GzipInflater(1 << 20);
        for (int i = 0; i < 3; i++) {
            int n = again.inflate(member(TEXT, 0, null, null, null, false));
            assertThat(Arrays.copyOf(again.output(), n)).isEqualTo(TEXT);
        }
        assertThatThrownBy(() -> again.inflate(new byte[] {0x1f, (byte) 0x8b, 8}))
                .isInstanceOf(BadPayloadException.class)
                .extracting(e -> ((BadPayloadException) e).reason())
                .isEqualTo(SkipReason.TRUNCATED);
    }

    /** One gzip member with the optional header fields given (null: absent). */
    static byte[] member(byte[] content, int mtime, byte[] extra, String name, String comment, boolean headerCrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = (headerCrc ? 2 : 0) | (extra != null ? 4 : 0) | (name != null ? 8 : 0) | (comment != null ? 16 : 0);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags});
        writeInt(out, mtime);
        out.writeBytes(new byte[] {0, (byte) 255});
        if (extra != null) {
            out.write(extra.length & 0xff);
            out.write(extra.length >> 8);
            out.writeBytes(extra);
        }
        if (name != null) {
            out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        if (comment != null) {
            out.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        if (headerCrc) {
            CRC32 crc = new CRC32();
            crc.update(out.toByteArray());
            out.write((int) crc.getValue() & 0xff);
            out.write((int) (crc.getValue() >> 8) & 0xff);
        }
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(content);
        d.finish();
        byte[] buf = new byte[content.length + 1024];
        int n = 0;
        while (!d.finished()) n += d.deflate(buf, n, buf.length - n);
        d.end();
        out.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(content);
        writeInt(out, (int) crc.getValue());
        writeInt(out, content.length);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write(v >> (8 * i) & 0xff);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] flip(byte[] b, int at) {
        return set(b, at, b[at] ^ 0x55);
    }

    private static byte[] set(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
    }
}
