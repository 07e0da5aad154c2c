package com.vpcflow.monitoring.flowlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides each ENI's own address and each record's direction over one payload (one log stream, normally one ENI):
 * the ENI's {@code ip} is the address seen most often in its records (source or destination), if seen more than
 * once (ties: the smallest string), else {@code unknown}. Direction comes from {@code flow-direction} when the
 * format has it, else from which side of the record holds the ENI's address.
 */
public final class EniAddress {
    public static final String UNKNOWN = "unknown";
    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    /** Per slot: an (ENI, address) pair seen in the payload and how often. Open addressing, reused, cleared. */
    private String[] enis = new String[1 << 10];

    private String[] addresses = new String[1 << 10];
    private int[] counts = new int[1 << 10];
    /** The slots in use, in the order first used. */
    private int[] used = new int[1 << 9];

    private int usedCount;
    /** Per ENI of the payload: its best address so far (a payload is normally one ENI's log stream). */
    private final Map<String, Best> best = new HashMap<>(4);

    private static final class Best {
        String address;
        int count = 1; // an address seen once tells nothing
    }

    /** Decides over one payload's records with a table of its own (tests, tools); the job reuses one: {@link #decide}. */
    public static void resolve(List<FlowRecord> records) {
        new EniAddress().decide(records);
    }

    /**
     * Decides over one payload's records, reusing this instance's table: no allocation per record or payload once it
     * has grown. Bounded: the table is sized for the largest payload seen (four slots per record), itself bounded by
     * the payload's decompressed size. Not thread-safe: one per operator.
     */
    public void decide(List<FlowRecord> records) {
        String proven = provenAddress(records);
        if (proven != null) {
            for (FlowRecord r : records) {
                r.ip = proven;
                r.direction = direction(r);
            }
            return;
        }
        int capacity = Integer.highestOneBit(Math.max(16, 4 * records.size()) - 1) << 1;
        if (enis.length < capacity) {
            enis = new String[capacity];
            addresses = new String[capacity];
            counts = new int[capacity];
            used = new int[capacity / 2];
        }
        for (FlowRecord r : records) {
            count(r.interfaceId, r.srcAddr);
            count(r.interfaceId, r.dstAddr);
        }
        String eni = null;
        Best b = null;
        for (int i = 0; i < usedCount; i++) {
            int slot = used[i];
            if (!enis[slot].equals(eni)) {
                eni = enis[slot];
                b = best.computeIfAbsent(eni, k -> new Best());
            }
            int c = counts[slot];
            String address = addresses[slot];
            if (c > b.count || (c == b.count && b.address != null && address.compareTo(b.address) < 0)) {
                b.address = address;
                b.count = c;
            }
            enis[slot] = null;
            addresses[slot] = null;
            counts[slot] = 0;
        }
        usedCount = 0;
        eni = null;
        String ip = null;
        for (FlowRecord r : records) {
            if (!r.interfaceId.equals(eni)) {
                eni = r.interfaceId;
                Best e = best.get(eni);
                ip = e == null || e.address == null ? UNKNOWN : e.address;
            }
            r.ip = ip;
            r.direction = direction(r);
        }
        best.clear();
    }

    /**
     * The address of the payload's one ENI when one pass over the records proves it, else null (the table decides).
     * A payload is normally one ENI's log stream, and its own address is on one side of every record: an address of
     * the first record that is in every record is seen at least once per record, and another address as often would
     * have to be on the other side of every record. So it is the most frequent, alone, unless the other side is one
     * address throughout. Two compares a record instead of two table look-ups.
     */
    private static String provenAddress(List<FlowRecord> records) {
        if (records.size() < 2) return null; // seen once tells nothing
        FlowRecord first = records.get(0);
        String address = inEveryRecord(records, first.interfaceId, first.srcAddr);
        return address != null ? address : inEveryRecord(records, first.interfaceId, first.dstAddr);
    }

    /** {@code address}, if every record is of {@code eni} and has it and no other address can be as frequent. */
    private static String inEveryRecord(List<FlowRecord> records, String eni, String address) {
        if (address == null) return null;
        int seen = 0;
        String other = null; // the other side, while it is the same in every record
        boolean otherVaries = false;
        for (int i = 0; i < records.size(); i++) {
            FlowRecord r = records.get(i);
            if (!Objects.equals(r.interfaceId, eni)) return null;
            boolean src = Objects.equals(r.srcAddr, address), dst = Objects.equals(r.dstAddr, address);
            if (!src && !dst) return null;
            seen += src && dst ? 2 : 1;
            String o = src && dst ? address : src ? r.dstAddr : r.srcAddr;
            if (i == 0) other = o;
            else if (!otherVaries) otherVaries = !Objects.equals(o, other);
        }
        // seen once per record and one other address on the other side of each: a tie, for the table to break
        if (seen == records.size() && !otherVaries && other != null) return null;
        return address;
    }

    private void count(String eni, String address) {
        if (address == null) return;
        int mask = enis.length - 1;
        int h = (eni.hashCode() * 31 + address.hashCode()) * 0x9E3779B9;
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            String e = enis[slot];
            if (e == null) {
                enis[slot] = eni;
                addresses[slot] = address;
                counts[slot] = 1;
                used[usedCount++] = slot;
                return;
            }
            if ((e == eni || e.equals(eni)) && (addresses[slot] == address || addresses[slot].equals(address))) {
                counts[slot]++;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static String direction(FlowRecord r) {
        if (r.flowDirection != null) {
            switch (r.flowDirection) {
                case "ingress":
                    return INBOUND;
                case "egress":
                    return OUTBOUND;
                default:
                    return null;
            }
        }
        if (UNKNOWN.equals(r.ip)) return null;
        if (r.ip.equals(r.dstAddr)) return INBOUND;
        if (r.ip.equals(r.srcAddr)) return OUTBOUND;
        return null;
    }
}
