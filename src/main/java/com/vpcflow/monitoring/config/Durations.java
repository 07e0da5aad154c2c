package com.vpcflow.monitoring.config;

import java.time.Duration;
import java.util.Locale;

/** Parses the duration form used by every time setting: {@code 500ms}, {@code 30s}, {@code 5min}, {@code 1h}, {@code 2d}, or {@code 0}. */
public final class Durations {
    public static final String ACCEPTED = "a duration like 30s, 5min or 1h (units ms, s, min, h, d)";

    private Durations() {}

    /** @throws IllegalArgumentException when the text is not a non-negative duration in that form */
    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 15) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(s.substring(0, i));
        switch (s.substring(i).trim()) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
            case "sec":
                return Duration.ofSeconds(amount);
            case "m":
            case "min":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                throw new IllegalArgumentException(text);
        }
    }

    /** The shortest exact form, for log lines and help text: 90s -> "90s", 3600s -> "1h". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0";
        if (ms % 86_400_000L == 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0) return ms / 60_000L + "min";
        if (ms % 1000L == 0) return ms / 1000L + "s";
        return ms + "ms";
    }
}
