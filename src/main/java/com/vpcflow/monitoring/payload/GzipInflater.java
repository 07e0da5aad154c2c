package com.vpcflow.monitoring.payload;

import com.vpcflow.monitoring.metrics.SkipReason;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * gunzip (RFC 1952) of a whole payload in memory, with one {@link Inflater} reset per payload: what {@code
 * GZIPInputStream} checks (header, CRC-32 and length in the trailer, concatenated members, anything after the last
 * member ignored), without a new native inflater and an 8 KiB input buffer per payload (EndToEndBenchmark's 20-enis
 * payloads: 214 ns of CPU per record through {@code GZIPInputStream}, 185 for the inflating itself). Output goes into
 * one reused buffer, grown up to a cap; past the cap it stops ({@link #tooLarge()}). Not thread-safe: one per decoder.
 */
final class GzipInflater {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final long maxBytes;
    private byte[] out;
    private boolean tooLarge;

    GzipInflater(long maxBytes) {
        this.maxBytes = maxBytes;
        this.out = new byte[(int) Math.min(1 << 16, maxBytes + 1)];
    }

    /** The inflated bytes of the last {@link #inflate} (its return value says how many). */
    byte[] output() {
        return out;
    }

    /** Whether the last {@link #inflate} stopped at the cap: its output then holds the first {@code maxBytes + 1}. */
    boolean tooLarge() {
        return tooLarge;
    }

    /**
     * Inflates every member of {@code gz}; returns how many bytes it put in {@link #output()} (at most the cap).
     *
     * @throws BadPayloadException TRUNCATED when the stream ends early, CORRUPT_GZIP when it is not valid gzip
     */
    int inflate(byte[] gz) throws BadPayloadException {
        tooLarge = false;
        int n = 0;
        int at = header(gz, 0);
        while (true) {
            int memberStart = n;
            inflater.reset();
            inflater.setInput(gz, at, gz.length - at);
            n = inflateMember(n);
            if (tooLarge) return (int) maxBytes;
            at = gz.length - inflater.getRemaining();
            if (gz.length - at < 8) throw truncated();
            crc.reset();
            crc.update(out, memberStart, n - memberStart);
            if (intAt(gz, at) != (int) crc.getValue() || intAt(gz, at + 4) != n - memberStart) {
                throw new BadPayloadException(SkipReason.CORRUPT_GZIP, "Corrupt GZIP trailer");
            }
            at += 8;
            // Another member may follow (concatenated gzip); anything else after the trailer is ignored, as
            // GZIPInputStream ignores it.
            if (at == gz.length) return n;
            try {
                at = header(gz, at);
            } catch (BadPayloadException e) {
                return n;
            }
        }
    }

    private int inflateMember(int n) throws BadPayloadException {
        try {
            while (!inflater.finished()) {
                if (n == out.length) out = Arrays.copyOf(out, (int) Math.min(2L * n, maxBytes + 1));
                int got = inflater.inflate(out, n, out.length - n);
                n += got;
                if (n > maxBytes) {
                    tooLarge = true;
                    return n;
                }
                if (got == 0 && n < out.length) {
                    if (inflater.needsDictionary()) {
                        throw new BadPayloadException(SkipReason.CORRUPT_GZIP, "a preset dictionary is needed");
                    }
                    if (inflater.needsInput()) throw truncated();
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new BadPayloadException(SkipReason.CORRUPT_GZIP, String.valueOf(e.getMessage()));
        }
    }

    private static boolean startsMember(byte[] gz, int at) {
        return gz.length - at >= 2 && (gz[at] & 0xff) == 0x1f && (gz[at + 1] & 0xff) == 0x8b;
    }

    /** Checks the member header at {@code at}; returns where its deflate data starts. */
    private int header(byte[] gz, int at) throws BadPayloadException {
        if (!startsMember(gz, at)) throw new BadPayloadException(SkipReason.NOT_GZIP, "no gzip header");
        if (gz.length - at < 10) throw truncated();
        if ((gz[at + 2] & 0xff) != 8)
            throw new BadPayloadException(SkipReason.CORRUPT_GZIP, "Unsupported compression method");
        int flags = gz[at + 3] & 0xff;
        int p = at + 10;
        if ((flags & FEXTRA) != 0) {
            if (gz.length - p < 2) throw truncated();
            p += 2 + ((gz[p] & 0xff) | (gz[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) p = afterZero(gz, p);
        if ((flags & FCOMMENT) != 0) p = afterZero(gz, p);
        if ((flags & FHCRC) != 0) {
            if (gz.length - p < 2) throw truncated();
            crc.reset();
            crc.update(gz, at, p - at);
            if (((gz[p] & 0xff) | (gz[p + 1] & 0xff) << 8) != ((int) crc.getValue() & 0xffff)) {
                throw new BadPayloadException(SkipReason.CORRUPT_GZIP, "Corrupt GZIP header");
            }
            p += 2;
        }
        if (p > gz.length) throw truncated();
        return p;
    }

    private static int afterZero(byte[] gz, int p) throws BadPayloadException {
        while (p < gz.length && gz[p] != 0) p++;
        if (p >= gz.length) throw truncated();
        return p + 1;
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static BadPayloadException truncated() {
        return new BadPayloadException(SkipReason.TRUNCATED, "gzip stream ends early");
    }
}
