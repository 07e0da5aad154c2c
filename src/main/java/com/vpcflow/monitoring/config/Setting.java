package com.vpcflow.monitoring.config;

import java.util.List;

/**
 * One setting, declared once (in {@link Settings}): its key, other names, where it lives on MSF, its type, its default
 * and the one line that documents it. Parsing, property-group validation and the README's settings tables all come
 * from the declaration ({@code SettingsDocumentationTest} holds the README to it).
 *
 * @param aliases other names it is accepted under: the script this job replaces used them as flags, properties
 *     and, with {@code fromEnvironment}, environment variables
 * @param defaultValue null when there is none, or it is decided at start-up (then {@code documentedDefault} says how)
 * @param documentedDefault the README's default column; null: the default value, formatted by its type
 */
public record Setting<T>(
        String key,
        List<String> aliases,
        boolean fromEnvironment,
        PropertyGroup group,
        SettingType<T> type,
        T defaultValue,
        String documentedDefault,
        String description) {

    /** A setting with a default value, documented as that value. */
    public static <T> Setting<T> of(
            String key, PropertyGroup group, SettingType<T> type, T defaultValue, String description) {
        return new Setting<>(key, List.of(), false, group, type, defaultValue, null, description);
    }

    /** A setting whose default is not a fixed value (none, or one found at start-up), documented as {@code documented}. */
    public static <T> Setting<T> withoutDefault(
            String key, PropertyGroup group, SettingType<T> type, String documented, String description) {
        return new Setting<>(key, List.of(), false, group, type, null, documented, description);
    }

    /** The same setting, also accepted under these names, and as environment variables of these names. */
    public Setting<T> alsoNamed(String... names) {
        return new Setting<>(key, List.of(names), true, group, type, defaultValue, documentedDefault, description);
    }

    /** The default as the README shows it: {@code `value`}, or the documented text. */
    public String defaultText() {
        if (documentedDefault != null) return documentedDefault;
        return "`" + type.format().apply(defaultValue) + "`";
    }

    /** Every name it is accepted under, the key first. */
    public List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(key), aliases.stream())
                .toList();
    }
}
