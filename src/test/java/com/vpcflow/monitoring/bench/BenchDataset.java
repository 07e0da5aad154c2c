package com.vpcflow.monitoring.bench;

import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.payload.PayloadEncoder;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A benchmark input: a payloads file (base64 gzip subscription payloads, one per line, as {@code --source file}
 * reads), seeded, so every run measures the same bytes. Each payload is one interface's log stream, as CloudWatch
 * Logs sends it; event time advances evenly over {@code windows} minutes, each record up to 30 s out of order.
 */
public record BenchDataset(String name, int interfaces, int recordsPerPayload, long records, int windows) {
    static final long START = 1_700_000_040L; // a minute boundary
    public static final BenchDataset STARTUP = new BenchDataset("startup", 20, 1_000, 100_000, 5);
    public static final BenchDataset FEW_INTERFACES = new BenchDataset("20-enis", 20, 1_000, 3_000_000, 150);
    public static final BenchDataset MANY_INTERFACES = new BenchDataset("10k-enis", 10_000, 100, 1_000_000, 5);

    long payloads() {
        return records / recordsPerPayload;
    }

    Path file(Path dir) {
        return dir.resolve(name + ".b64");
    }

    /** Writes the file unless it is there already (same name, same content: the generator is seeded). */
    public Path writeIfMissing(Path dir) throws IOException {
        Path file = file(dir);
        if (Files.exists(file)) return file;
        Files.createDirectories(dir);
        Path tmp = dir.resolve(name + ".tmp");
        Base64.Encoder b64 = Base64.getEncoder();
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            for (long i = 0; i < payloads(); i++) {
                w.write(b64.encodeToString(PayloadEncoder.gzipJson(payload(i))));
                w.newLine();
            }
        }
        Files.move(tmp, file);
        return file;
    }

    SubscriptionPayload payload(long index) {
        SplittableRandom rnd = new SplittableRandom(0x5EEDL * 31 + index);
        int n = (int) (index % interfaces);
        String account = n % 2 == 0 ? "123456789010" : "210987654321";
        String eni = String.format("eni-%017x", 0xbe0000L + n);
        String own = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
        long base = START + index * windows * 60L / payloads();
        List<LogEvent> events = new ArrayList<>(recordsPerPayload);
        for (int i = 0; i < recordsPerPayload; i++) {
            long start = Math.max(START, base - rnd.nextInt(31));
            long end = start + rnd.nextInt(60);
            String peer = "172.31." + rnd.nextInt(4) + "." + (1 + rnd.nextInt(254));
            boolean inbound = rnd.nextBoolean();
            int protocol = rnd.nextInt(10) < 8 ? 6 : 17;
            int packets = 1 + rnd.nextInt(200);
            String line = "2 " + account + " " + eni + " " + (inbound ? peer + " " + own : own + " " + peer) + " "
                    + (inbound ? (32768 + rnd.nextInt(28000)) + " 443" : "443 " + (32768 + rnd.nextInt(28000))) + " "
                    + protocol + " " + packets + " " + packets * (40 + rnd.nextInt(1460)) + " " + start + " " + end
                    + (rnd.nextInt(100) < 90 ? " ACCEPT OK" : " REJECT OK");
            events.add(new LogEvent(Long.toString(index * 10_000 + i), end * 1000, line));
        }
        return new SubscriptionPayload(
                SubscriptionPayload.DATA_MESSAGE,
                account,
                "/vpc/flow-logs",
                eni + "-all",
                List.of("to-kinesis"),
                events);
    }
}
