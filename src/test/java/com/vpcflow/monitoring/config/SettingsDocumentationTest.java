package com.vpcflow.monitoring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's settings tables are the declarations in {@link Settings}: the same keys and aliases, in the same
 * property groups, with the same defaults (formatted from the default values themselves) and descriptions. A setting
 * added, renamed, moved or given another default without the README, or the other way round, fails here.
 */
class SettingsDocumentationTest {

    /** The README's heading of each group's table. */
    static String heading(PropertyGroup group) {
        return group == PropertyGroup.COMMAND_LINE
                ? "### Command line only"
                : "### Property group `" + group.id() + "`";
    }

    static String row(Setting<?> s) {
        String names = "`" + s.key() + "`"
                + (s.aliases().isEmpty()
                        ? ""
                        : " (also "
                                + s.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")) + ")");
        return "| " + names + " | " + s.defaultText() + " | " + s.description() + " |";
    }

    /** The tables as they must stand in the README, group by group. */
    static Map<String, List<String>> declared() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (PropertyGroup g : PropertyGroup.values()) tables.put(heading(g), new ArrayList<>());
        for (Setting<?> s : Settings.ALL) tables.get(heading(s.group())).add(row(s));
        return tables;
    }

    /** The rows under each {@code ###} heading of the README's "## Settings" section. */
    static Map<String, List<String>> documented() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        Map<String, List<String>> tables = new LinkedHashMap<>();
        int start = lines.indexOf("## Settings");
        assertThat(start).as("README has a '## Settings' section").isNotNegative();
        String current = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) break;
            if (line.startsWith("### ")) {
                current = line;
                tables.put(current, new ArrayList<>());
            } else if (current != null && line.startsWith("| `")) {
                tables.get(current).add(line);
            }
        }
        return tables;
    }

    @Test
    void theReadmeTablesAreTheDeclarations() throws Exception {
        Map<String, List<String>> declared = declared();
        String expected = declared.entrySet().stream()
                .map(e -> e.getKey() + "\n\n| key | default | meaning |\n|---|---|---|\n"
                        + String.join("\n", e.getValue()))
                .collect(Collectors.joining("\n\n"));
        assertThat(documented())
                .as("README '## Settings' tables; they should read:%n%s%n", expected)
                .isEqualTo(declared);
    }

    @Test
    void everyDefaultIsAValueTheSettingAccepts() {
        for (Setting<?> s : Settings.ALL) {
            if (s.defaultValue() == null) continue;
            @SuppressWarnings("unchecked")
            Setting<Object> o = (Setting<Object>) s;
            String text = o.type().format().apply(o.defaultValue());
            assertThat(o.type().parse().apply(text))
                    .as("%s's default, written and read back", s.key())
                    .usingRecursiveComparison()
                    .isEqualTo(o.defaultValue());
        }
    }

    @Test
    void everyNameIsDeclaredOnce() {
        List<String> names = new ArrayList<>();
        Settings.ALL.forEach(s -> names.addAll(s.names()));
        assertThat(names).doesNotHaveDuplicates();
    }
}
