package com.vpcflow.monitoring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The ceiling the job is measured against: the least work that turns the payloads file into per-(interface, action,
 * minute) sums, by hand, on every core: base64 → inflate → find each {@code "message":"} → split the fields →
 * add packets and bytes into an open-addressing table. No Flink, no objects per record, nothing the job could skip
 * (it must also decode the JSON envelope, parse every field and emit series).
 */
final class CeilingLoop {
    private CeilingLoop() {}

    /** @return records per second over the whole file on {@code threads} threads */
    static Result run(Path payloadsFile, int threads) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(payloadsFile);
        AtomicLong records = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread w = new Thread(() -> records.addAndGet(new Worker().run(lines, first, threads)));
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) w.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(records.get(), seconds);
    }

    record Result(long records, double seconds) {
        double perSecond() {
            return records / seconds;
        }
    }

    private static final class Worker {
        private static final byte[] MESSAGE = "\"message\":\"".getBytes();
        private final Inflater inflater = new Inflater(true);
        private byte[] out = new byte[1 << 20];
        private final long[] keys = new long[1 << 18]; // > 10,000 interfaces x 2 actions x 5 minutes
        private final long[] sums = new long[2 << 18];
        long checksum;

        long run(List<String> lines, int first, int step) {
            Base64.Decoder b64 = Base64.getDecoder();
            long records = 0;
            for (int i = first; i < lines.size(); i += step) {
                byte[] gz = b64.decode(lines.get(i));
                int n = inflate(gz);
                records += scan(out, n);
            }
            checksum = Arrays.stream(sums).sum();
            return records;
        }

        /** Inflates a gzip member (10-byte header, no optional fields, as Java's GZIPOutputStream writes). */
        private int inflate(byte[] gz) {
            inflater.reset();
            inflater.setInput(gz, 10, gz.length - 18);
            int n = 0;
            try {
                while (!inflater.finished()) {
                    if (n == out.length) out = Arrays.copyOf(out, out.length * 2);
                    n += inflater.inflate(out, n, out.length - n);
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException(e);
            }
            return n;
        }

        private int scan(byte[] b, int n) {
            int records = 0;
            int i = 0;
            while ((i = indexOf(b, n, i)) >= 0) {
                i += MESSAGE.length;
                // fields: 0 version, 1 account, 2 eni, ..., 8 packets, 9 bytes, 10 start, 11 end, 12 action
                int field = 0;
                long eniHash = 0, packets = 0, bytes = 0, start = 0;
                byte action = 0;
                while (b[i] != '"') {
                    byte c = b[i++];
                    if (c == ' ') {
                        field++;
                        continue;
                    }
                    switch (field) {
                        case 2 -> eniHash = eniHash * 31 + c;
                        case 8 -> packets = packets * 10 + (c - '0');
                        case 9 -> bytes = bytes * 10 + (c - '0');
                        case 10 -> start = start * 10 + (c - '0');
                        case 12 -> action = action == 0 ? c : action;
                        default -> {}
                    }
                }
                long key = (eniHash * 31 + action) * 1_000_003L + start / 60;
                int slot = (int) (key ^ key >>> 29) & (keys.length - 1);
                while (keys[slot] != 0 && keys[slot] != key) slot = (slot + 1) & (keys.length - 1);
                keys[slot] = key;
                sums[2 * slot] += packets;
                sums[2 * slot + 1] += bytes;
                records++;
            }
            return records;
        }

        private static int indexOf(byte[] b, int n, int from) {
            outer:
            for (int i = from; i <= n - MESSAGE.length; i++) {
                if (b[i] != '"') continue;
                for (int j = 1; j < MESSAGE.length; j++) {
                    if (b[i + j] != MESSAGE[j]) continue outer;
                }
                return i;
            }
            return -1;
        }
    }
}
