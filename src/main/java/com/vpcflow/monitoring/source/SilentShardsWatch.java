package com.vpcflow.monitoring.source;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Notices a Kinesis source subtask that has emitted no record for a long time while a shard it reads says data is
 * waiting ({@code millisBehindLatest} > 0 in its last GetRecords answer): the job is silently reading nothing (a
 * local Kinesis whose CBOR the SDK cannot read, a deserializer that drops everything) or is held back. Thread-safe:
 * records are noted by the fetcher's threads, {@link #check} runs on a timer.
 */
final class SilentShardsWatch {
    /** How long without a record, with data waiting, before a warning; and at most one warning per such period. */
    static final long DEFAULT_SILENCE_MILLIS = 5 * 60_000L;

    private final long silenceMillis;
    private final Map<String, LongSupplier> millisBehindLatest = new ConcurrentHashMap<>();
    private volatile long lastRecordMillis;
    private volatile long records;
    private long lastWarningMillis;

    SilentShardsWatch(long silenceMillis, long nowMillis) {
        this.silenceMillis = silenceMillis;
        this.lastRecordMillis = nowMillis;
        this.lastWarningMillis = nowMillis - silenceMillis;
    }

    /** A shard this subtask reads, with the connector's gauge of how far its last fetch was behind the tip. */
    void shard(String shardId, LongSupplier millisBehind) {
        millisBehindLatest.put(shardId, millisBehind);
    }

    void recordEmitted(long nowMillis) {
        lastRecordMillis = nowMillis;
        records++; // one writer per record; the count is only for the message
    }

    /** The warning to log now, or null. */
    synchronized String check(long nowMillis) {
        long silent = nowMillis - lastRecordMillis;
        if (silent < silenceMillis || nowMillis - lastWarningMillis < silenceMillis) return null;
        Map<String, Long> behind = new TreeMap<>();
        millisBehindLatest.forEach((shard, lag) -> {
            long ms = lag.getAsLong();
            if (ms > 0) behind.put(shard, ms);
        });
        if (behind.isEmpty()) return null;
        lastWarningMillis = nowMillis;
        return "no Kinesis record for " + silent / 1000 + " s (" + records + " so far) while shard(s) report data"
                + " waiting, millisBehindLatest " + behind + ": check --kinesis-endpoint and the credentials (for a"
                + " local Kinesis, AWS_CBOR_DISABLE=1), or back-pressure from downstream";
    }
}
