package com.vpcflow.monitoring.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validating view over flat {@code key -> value} settings (CLI flags without the leading dashes, MSF
 * property-group entries), read through their {@link Setting} declarations. Every failure is a
 * {@link ConfigException} that names the key; keys never read are reported by {@link #rejectUnknown()} so a typo
 * cannot pass silently.
 */
public final class ConfigReader {
    private final Map<String, String> values;
    private final Map<String, String> environment;
    private final Set<String> read = new TreeSet<>();

    /** @param environment where settings with {@code fromEnvironment} are looked up last, by their aliases */
    public ConfigReader(Map<String, String> values, Map<String, String> environment) {
        this.values = new LinkedHashMap<>(values);
        this.environment = environment;
    }

    /** Settings from {@code --key value} flags alone. */
    public static ConfigReader fromArgs(String[] args) {
        return new ConfigReader(parseArgs(args), Map.of());
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

    /** The setting's value, else its default (null when it has none). */
    public <T> T get(Setting<T> setting) {
        return get(setting, setting.defaultValue());
    }

    /** The setting's value, else {@code fallback}: for defaults found at start-up (the environment, the clock). */
    public <T> T get(Setting<T> setting, T fallback) {
        String raw = raw(setting);
        if (raw == null) return fallback;
        try {
            return setting.type().parse().apply(raw);
        } catch (SettingType.InvalidValue e) {
            throw new ConfigException("Invalid --" + setting.key() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw ConfigException.invalid(setting.key(), setting.type().accepted(), raw);
        }
    }

    /** The setting's value; missing, it is an error saying {@code why} it is needed. */
    public <T> T required(Setting<T> setting, String why) {
        T value = get(setting, null);
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ConfigException("Missing --" + setting.key() + ": " + why);
        }
        return value;
    }

    /**
     * The text given for a setting: its key wins, then its aliases as given, then (for settings that the replaced
     * script read from the environment) the environment variables of those names. Aliased values are trimmed, and a
     * blank one counts as not given.
     */
    private String raw(Setting<?> setting) {
        read.addAll(setting.names());
        String v = values.get(setting.key());
        if (setting.aliases().isEmpty()) return v;
        for (String alias : setting.aliases()) {
            if (v == null) v = values.get(alias);
        }
        if (setting.fromEnvironment()) {
            for (String alias : setting.aliases()) {
                if (v == null) v = environment.get(alias);
            }
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Whether the environment holds this variable (the plain API key's presence, never its value). */
    boolean environmentHas(String variable) {
        return environment.containsKey(variable);
    }

    /** The keys read so far: every setting the job knows, once all were read. */
    Set<String> readKeys() {
        return Set.copyOf(read);
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
