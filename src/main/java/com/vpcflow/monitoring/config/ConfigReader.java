package com.vpcflow.monitoring.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Typed, validating view over flat {@code key -> value} settings (CLI flags without the leading dashes, MSF
 * property-group entries). Every failure is a {@link ConfigException} that names the key; keys never read are
 * reported by {@link #rejectUnknown()} so a typo cannot pass silently.
 */
public final class ConfigReader {
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    public ConfigReader(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** Parses {@code --key value} pairs. A flag without a value, or a bare word, is an error naming it. */
    public static ConfigReader fromArgs(String[] args) {
        return new ConfigReader(parseArgs(args));
    }

    /** Settings from properties (MSF property groups) overridden by command-line flags. */
    public static ConfigReader layered(Map<String, String> properties, String[] args) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(parseArgs(args));
        return new ConfigReader(merged);
    }

    /** {@code --key value} pairs as a map; a flag without a value, or a bare word, is an error naming it. */
    public static Map<String, String> parseArgs(String[] args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("Unexpected argument '" + arg + "': settings are given as --key value");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new ConfigException("Missing value for --" + key);
            }
            if (map.put(key, value) != null) {
                throw new ConfigException("--" + key + " is given more than once");
            }
        }
        return map;
    }

    /**
     * A setting that may also be given under other names (the environment variable and property names of the script
     * this job replaces), or in the environment. The flag wins, then an alias, then the environment.
     */
    public String aliased(Map<String, String> env, String key, String... aliases) {
        String v = string(key, null);
        for (String alias : aliases) {
            String a = string(alias, null);
            if (v == null) v = a;
        }
        for (String alias : aliases) {
            if (v == null) v = env.get(alias);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys read so far: every setting the job knows, once all were read. */
    Set<String> readKeys() {
        return Set.copyOf(read);
    }

    public String string(String key, String defaultValue) {
        read.add(key);
        String v = values.get(key);
        return v == null ? defaultValue : v;
    }

    public String requiredString(String key, String why) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException("Missing --" + key + ": " + why);
        }
        return v;
    }

    /** An endpoint override: an http(s) URL, or null when not given. */
    public String url(String key) {
        String v = string(key, null);
        if (v != null && !v.matches("https?://[^\\s/]+(/.*)?")) {
            throw ConfigException.invalid(key, "an http(s) URL", v);
        }
        return v;
    }

    public Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        if (v == null) return defaultValue;
        try {
            return Durations.parse(v);
        } catch (RuntimeException e) {
            throw ConfigException.invalid(key, Durations.ACCEPTED, v);
        }
    }

    public long longInRange(String key, long defaultValue, long min, long max) {
        String v = string(key, null);
        if (v == null) return defaultValue;
        try {
            long parsed = Long.parseLong(v.trim());
            if (parsed >= min && parsed <= max) return parsed;
        } catch (NumberFormatException ignored) {
            // falls through to the error naming the key
        }
        throw ConfigException.invalid(key, "a whole number from " + min + " to " + max, v);
    }

    public int intInRange(String key, int defaultValue, int min, int max) {
        return (int) longInRange(key, defaultValue, min, max);
    }

    public double positiveDouble(String key, double defaultValue) {
        String v = string(key, null);
        if (v == null) return defaultValue;
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw ConfigException.invalid(key, "a positive number", v);
    }

    /** Sizes in bytes: {@code 1048576}, {@code 512KiB}, {@code 16MiB}. */
    public long bytes(String key, long defaultValue, long min, long max) {
        String v = string(key, null);
        if (v == null) return defaultValue;
        String s = v.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("kib")) { unit = 1024; s = s.substring(0, s.length() - 3); }
        else if (s.endsWith("mib")) { unit = 1024 * 1024; s = s.substring(0, s.length() - 3); }
        else if (s.endsWith("b")) { s = s.substring(0, s.length() - 1); }
        try {
            long n = Math.multiplyExact(Long.parseLong(s.trim()), unit);
            if (n >= min && n <= max) return n;
        } catch (RuntimeException ignored) {
            // falls through
        }
        throw ConfigException.invalid(key, "a size from " + min + " to " + max + " bytes (e.g. 16MiB, 512KiB)", v);
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) return defaultValue;
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw ConfigException.invalid(key, "true or false", v);
        }
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        String v = string(key, null);
        if (v == null) return defaultValue;
        for (E e : type.getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(v.trim())) return e;
        }
        StringJoiner accepted = new StringJoiner(", ", "one of ", "");
        for (E e : type.getEnumConstants()) {
            accepted.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw ConfigException.invalid(key, accepted.toString(), v);
    }

    /** Fails on the first key that no setting read: catches typos in flags and in MSF property groups. */
    public void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException("Unknown setting --" + key + " (see README, 'Settings')");
            }
        }
    }
}
