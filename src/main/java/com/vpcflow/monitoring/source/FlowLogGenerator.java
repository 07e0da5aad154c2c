package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.payload.PayloadEncoder;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Realistic subscription payloads for local runs and benchmarks, a pure function of (seed, index): many ENIs in a
 * few accounts, IPv4 and IPv6, ACCEPT/REJECT, some NODATA/SKIPDATA, and {@code start} times that advance one
 * second of event time per {@code payloadsPerSecond} payloads (1 by default: an hour of traffic in 3,600 payloads) but
 * arrive up to {@code maxDisorderSeconds} out of order.
 */
public final class FlowLogGenerator implements GeneratorFunction<Long, RawPayload> {
    private static final long serialVersionUID = 1L;
    private static final String[] ACCOUNTS = {"123456789010", "210987654321", "555566667777"};
    private static final int ENIS = 48;
    private static final int[] PROTOCOLS = {6, 6, 6, 6, 17, 17, 1, 58};
    private static final int[] SERVICE_PORTS = {22, 53, 80, 443, 3306, 5432, 6379, 8080};

    private final long seed;
    private final long startSeconds;
    private final int maxDisorderSeconds;

    private final long payloadsPerSecond;

    public FlowLogGenerator(long seed, long startSeconds, int maxDisorderSeconds) {
        this(seed, startSeconds, maxDisorderSeconds, 1);
    }

    /** @param payloadsPerSecond payloads per second of event time: the rate, for event time that keeps to the clock */
    public FlowLogGenerator(long seed, long startSeconds, int maxDisorderSeconds, long payloadsPerSecond) {
        this.payloadsPerSecond = Math.max(1, payloadsPerSecond);
        this.seed = seed;
        this.startSeconds = startSeconds;
        this.maxDisorderSeconds = maxDisorderSeconds;
    }

    @Override
    public RawPayload map(Long index) {
        return new RawPayload(
                RawPayload.Encoding.GZIP_JSON, PayloadEncoder.gzipJson(payload(index)), "generator:" + index);
    }

    /** The payload at this index, before encoding. */
    public SubscriptionPayload payload(long index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int eni = rnd.nextInt(ENIS);
        String account = ACCOUNTS[eni % ACCOUNTS.length];
        String eniId = String.format("eni-%017x", 0xabc0000L + eni * 7919L);
        boolean ipv6 = eni % 6 == 5;
        String ownIp =
                ipv6 ? "2001:db8:1::" + Integer.toHexString(0x100 + eni) : "10.0." + (eni / 16) + "." + (10 + eni % 16);
        long base = startSeconds + index / payloadsPerSecond;
        int n = 1 + rnd.nextInt(40);
        List<LogEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = base - rnd.nextInt(maxDisorderSeconds + 1);
            long end = start + rnd.nextInt(61);
            String line;
            int kind = rnd.nextInt(100);
            if (kind < 2) {
                line = "2 " + account + ' ' + eniId + " - - - - - - - " + start + ' ' + end + " - NODATA";
            } else if (kind < 3) {
                line = "2 " + account + ' ' + eniId + " - - - - - - - " + start + ' ' + end + " - SKIPDATA";
            } else {
                int protocol = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
                String peer = ipv6
                        ? "2001:db8:2::" + Integer.toHexString(rnd.nextInt(4096))
                        : "172.31." + rnd.nextInt(256) + '.' + rnd.nextInt(256);
                boolean inbound = rnd.nextBoolean();
                int servicePort = SERVICE_PORTS[rnd.nextInt(SERVICE_PORTS.length)];
                int ephemeral = 32768 + rnd.nextInt(28232);
                boolean ports = protocol == 6 || protocol == 17;
                long packets = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 100_000 : 200);
                long bytes = packets * (40 + rnd.nextInt(1461));
                String action = rnd.nextInt(100) < 85 ? "ACCEPT" : "REJECT";
                line = "2 " + account + ' ' + eniId + ' '
                        + (inbound ? peer + ' ' + ownIp : ownIp + ' ' + peer) + ' '
                        + (ports ? (inbound ? ephemeral + " " + servicePort : servicePort + " " + ephemeral) : "0 0")
                        + ' '
                        + protocol + ' ' + packets + ' ' + bytes + ' ' + start + ' ' + end + ' ' + action + " OK";
            }
            events.add(new LogEvent(Long.toString(index * 1000 + i), (end) * 1000, line));
        }
        return new SubscriptionPayload(
                SubscriptionPayload.DATA_MESSAGE,
                account,
                "/vpc/flow-logs",
                eniId + "-all",
                List.of("vpc-flow-logs-to-kinesis"),
                events);
    }
}
