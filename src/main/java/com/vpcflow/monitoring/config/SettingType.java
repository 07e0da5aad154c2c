package com.vpcflow.monitoring.config;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.metrics.PerRequestStat;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a setting's text becomes its value and back: {@code parse} throws {@link IllegalArgumentException} on anything
 * outside {@code accepted} (the form named in the error), or {@link InvalidValue} when it can say more.
 */
public record SettingType<T>(String accepted, Function<String, T> parse, Function<T, String> format) {

    /** A refusal that explains itself: its message follows "Invalid --key: " as it is. */
    static final class InvalidValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message);
        }
    }

    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*:[A-Za-z0-9_./:-]+");

    public static final SettingType<String> TEXT = new SettingType<>("text", s -> s, s -> s);

    public static final SettingType<Duration> DURATION =
            new SettingType<>(Durations.ACCEPTED, Durations::parse, Durations::format);

    public static final SettingType<Duration> POSITIVE_DURATION = new SettingType<>(
            Durations.ACCEPTED,
            s -> {
                Duration d = Durations.parse(s);
                if (d.isZero()) throw new InvalidValue("expected a positive duration, got '0'");
                return d;
            },
            Durations::format);

    /** Window sizes: event time is in whole seconds. */
    public static final SettingType<Duration> WHOLE_SECONDS = new SettingType<>(
            Durations.ACCEPTED,
            s -> {
                Duration d = Durations.parse(s);
                if (d.toMillis() < 1000 || d.toMillis() % 1000 != 0) {
                    throw new InvalidValue(
                            "expected a whole number of seconds, at least 1s, got '" + Durations.format(d) + "'");
                }
                return d;
            },
            Durations::format);

    /** An instant: ISO-8601 or epoch seconds. */
    public static final SettingType<Instant> INSTANT = new SettingType<>(
            "an ISO-8601 instant (2024-05-01T12:00:00Z) or epoch seconds",
            s -> {
                try {
                    if (s.matches("\\d{1,12}(\\.\\d+)?"))
                        return Instant.ofEpochMilli((long) (Double.parseDouble(s) * 1000));
                    return Instant.parse(s);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(s);
                }
            },
            Instant::toString);

    public static final SettingType<Boolean> BOOLEAN = new SettingType<>(
            "true or false",
            s -> {
                switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "true":
                        return true;
                    case "false":
                        return false;
                    default:
                        throw new IllegalArgumentException(s);
                }
            },
            String::valueOf);

    public static final SettingType<Double> POSITIVE_NUMBER = new SettingType<>(
            "a positive number",
            s -> {
                double d = Double.parseDouble(s.trim());
                if (!(d > 0) || !Double.isFinite(d)) throw new IllegalArgumentException(s);
                return d;
            },
            d -> d == Math.rint(d) ? Long.toString(d.longValue()) : Double.toString(d));

    /** An endpoint override: an http(s) URL. */
    public static final SettingType<String> URL = new SettingType<>(
            "an http(s) URL",
            s -> {
                if (!s.matches("https?://[^\\s/]+(/.*)?")) throw new IllegalArgumentException(s);
                return s;
            },
            s -> s);

    /** {@code key:value} tags, comma-separated. */
    public static final SettingType<List<String>> TAGS = new SettingType<>(
            "comma-separated key:value tags, e.g. env:prod,team:net",
            s -> {
                List<String> tags = new ArrayList<>();
                for (String t : s.split(",")) {
                    String tag = t.trim();
                    if (tag.isEmpty()) continue;
                    if (!TAG.matcher(tag).matches()) throw new IllegalArgumentException(tag);
                    tags.add(tag);
                }
                return List.copyOf(tags);
            },
            tags -> String.join(",", tags));

    /** {@code k=v} pairs, comma-separated (a KMS encryption context). */
    public static final SettingType<Map<String, String>> KEY_VALUE_PAIRS = new SettingType<>(
            "comma-separated key=value pairs",
            s -> {
                Map<String, String> pairs = new LinkedHashMap<>();
                if (s.isBlank()) return pairs;
                for (String pair : s.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException(pair.trim());
                    pairs.put(
                            pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
                return pairs;
            },
            pairs -> String.join(
                    ",",
                    pairs.entrySet().stream()
                            .map(e -> e.getKey() + '=' + e.getValue())
                            .toList()));

    /** Dimension names ({@code vpc_id,subnet_id}); checked against the log format once both are known. */
    public static final SettingType<List<String>> NAMES = new SettingType<>(
            "comma-separated names (lower case, digits, _), e.g. protocol,vpc_id",
            s -> {
                List<String> names = new ArrayList<>();
                for (String n : s.split(",")) {
                    String name = n.trim();
                    if (name.isEmpty()) continue;
                    if (!name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException(name);
                    names.add(name);
                }
                return List.copyOf(names);
            },
            names -> String.join(",", names));

    /** The per_request gauges: {@code min,median,p90,p95,p99,max,avg}, any of them, or {@code none}. */
    public static final SettingType<List<PerRequestStat>> PER_REQUEST_STATS = new SettingType<>(
            "comma-separated min, median, p90, p95, p99, max, avg, or none",
            s -> {
                if (s.trim().equals("none")) return List.of();
                List<PerRequestStat> stats = new ArrayList<>();
                for (String n : s.split(",")) {
                    PerRequestStat stat = PerRequestStat.valueOf(n.trim().toUpperCase(Locale.ROOT));
                    if (stats.contains(stat)) throw new IllegalArgumentException(n);
                    stats.add(stat);
                }
                if (stats.isEmpty()) throw new IllegalArgumentException(s);
                return List.copyOf(stats);
            },
            stats -> stats.isEmpty()
                    ? "none"
                    : String.join(
                            ",", stats.stream().map(PerRequestStat::suffix).toList()));

    /** A flow log's {@code LogFormat}, checked by parsing it. */
    public static final SettingType<FlowLogFormat> LOG_FORMAT = new SettingType<>(
            "a LogFormat",
            s -> {
                try {
                    return FlowLogFormat.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValue(e.getMessage());
                }
            },
            FlowLogFormat::toString);

    public static SettingType<Long> longRange(long min, long max) {
        return new SettingType<>(
                "a whole number from " + min + " to " + max,
                s -> {
                    long v = Long.parseLong(s.trim());
                    if (v < min || v > max) throw new IllegalArgumentException(s);
                    return v;
                },
                String::valueOf);
    }

    public static SettingType<Integer> intRange(int min, int max) {
        SettingType<Long> wide = longRange(min, max);
        return new SettingType<>(wide.accepted, s -> wide.parse.apply(s).intValue(), String::valueOf);
    }

    /** Sizes in bytes: {@code 1048576}, {@code 512KiB}, {@code 16MiB}. */
    public static SettingType<Long> bytes(long min, long max) {
        return new SettingType<>(
                "a size from " + min + " to " + max + " bytes (e.g. 16MiB, 512KiB)",
                text -> {
                    String s = text.trim().toLowerCase(Locale.ROOT);
                    long unit = 1;
                    if (s.endsWith("kib")) {
                        unit = 1024;
                        s = s.substring(0, s.length() - 3);
                    } else if (s.endsWith("mib")) {
                        unit = 1024 * 1024;
                        s = s.substring(0, s.length() - 3);
                    } else if (s.endsWith("b")) {
                        s = s.substring(0, s.length() - 1);
                    }
                    long n = Math.multiplyExact(Long.parseLong(s.trim()), unit);
                    if (n < min || n > max) throw new IllegalArgumentException(text);
                    return n;
                },
                n -> n % (1024 * 1024) == 0
                        ? n / (1024 * 1024) + "MiB"
                        : n % 1024 == 0 ? n / 1024 + "KiB" : Long.toString(n));
    }

    /** One of an enum's constants, written lower-case with dashes ({@code TRIM_HORIZON} as {@code trim-horizon}). */
    public static <E extends Enum<E>> SettingType<E> choice(Class<E> type) {
        StringJoiner accepted = new StringJoiner(", ", "one of ", "");
        for (E e : type.getEnumConstants()) accepted.add(spelling(e));
        return new SettingType<>(
                accepted.toString(),
                s -> {
                    String given = s.trim().replace('_', '-'); // AWS writes TRIM_HORIZON, the flags trim-horizon
                    for (E e : type.getEnumConstants()) {
                        if (spelling(e).equalsIgnoreCase(given)) return e;
                    }
                    throw new IllegalArgumentException(s);
                },
                SettingType::spelling);
    }

    private static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Text that must match {@code regex}. */
    public static SettingType<String> matching(String regex, String accepted) {
        Pattern pattern = Pattern.compile(regex);
        return new SettingType<>(
                accepted,
                s -> {
                    if (!pattern.matcher(s).matches()) throw new IllegalArgumentException(s);
                    return s;
                },
                s -> s);
    }

    /** A URL check of another package, adapted: {@code check} throws IllegalArgumentException when refused. */
    public static SettingType<URI> uri(String accepted, Function<String, URI> check) {
        return new SettingType<>(accepted, check, URI::toString);
    }
}
