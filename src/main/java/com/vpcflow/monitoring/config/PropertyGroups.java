package com.vpcflow.monitoring.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * MSF runtime properties (or a local {@code application_properties.json} of the same shape) as settings. Each property
 * group holds the settings of one stage, under exactly their command-line names (and aliases), as {@link Settings}
 * declares them; a group or key that is not declared is an error naming it, so a typo in the console cannot pass.
 */
public final class PropertyGroups {
    /** Group id -> the names of the settings it holds. */
    public static final Map<String, List<String>> GROUPS = groups();

    private PropertyGroups() {}

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (PropertyGroup g : PropertyGroup.values()) {
            if (g.id() != null) groups.put(g.id(), new ArrayList<>());
        }
        for (Setting<?> s : Settings.ALL) {
            if (s.group().id() != null) groups.get(s.group().id()).addAll(s.names());
        }
        groups.replaceAll((id, names) -> List.copyOf(names));
        return Collections.unmodifiableMap(groups);
    }

    /** Flattens the groups into settings; values are trimmed, empty values (unset template parameters) dropped. */
    public static Map<String, String> flatten(Map<String, Properties> groups) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map.Entry<String, Properties> g : groups.entrySet()) {
            List<String> allowed = GROUPS.get(g.getKey());
            if (allowed == null) {
                throw new ConfigException("Unknown property group '" + g.getKey() + "': expected one of "
                        + String.join(", ", GROUPS.keySet()));
            }
            for (String key : new TreeSet<>(g.getValue().stringPropertyNames())) {
                if (!allowed.contains(key)) {
                    String home = groupOf(key);
                    throw new ConfigException("Unknown setting '" + key + "' in property group '" + g.getKey() + "'"
                            + (home == null ? "" : ": it belongs in property group '" + home + "'"));
                }
                String value = g.getValue().getProperty(key).trim();
                if (value.isEmpty()) continue;
                if (flat.put(key, value) != null) {
                    throw new ConfigException("Setting '" + key + "' is given in more than one property group");
                }
            }
        }
        return flat;
    }

    static String groupOf(String key) {
        for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
            if (g.getValue().contains(key)) return g.getKey();
        }
        return null;
    }

    public static Set<String> allKeys() {
        Set<String> keys = new TreeSet<>();
        GROUPS.values().forEach(keys::addAll);
        return keys;
    }
}
