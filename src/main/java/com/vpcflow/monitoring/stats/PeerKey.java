package com.vpcflow.monitoring.stats;

/**
 * A peer as {@link TopPeers} counts it: its address with the direction, account and region of its records, as one
 * string (addresses, directions, account ids and regions hold no {@code |}).
 */
public record PeerKey(String ip, String direction, String account, String region) {

    static String of(String ip, String direction, String account, String region) {
        return ip + '|' + (direction == null ? "" : direction) + '|' + account + '|' + region;
    }

    public static PeerKey parse(String key) {
        String[] p = key.split("\\|", -1);
        return new PeerKey(p[0], p[1].isEmpty() ? null : p[1], p[2], p[3]);
    }
}
