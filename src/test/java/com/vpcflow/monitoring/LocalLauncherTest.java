package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code -Djob.args} is split as bash splits a command line: each row is what bash gives for the same text. */
class LocalLauncherTest {
    static List<Arguments> lines() {
        return List.of(
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of("--a 1  --b\t2", List.of("--a", "1", "--b", "2")),
                Arguments.of("--log-format 'version vpc-id  start'", List.of("--log-format", "version vpc-id  start")),
                Arguments.of("--x \"a b\"", List.of("--x", "a b")),
                Arguments.of("--x ''", List.of("--x", "")),
                Arguments.of("--x \"\"", List.of("--x", "")),
                Arguments.of("a'b c'd", List.of("ab cd")),
                Arguments.of("c\\ d", List.of("c d")),
                Arguments.of("'it''s'", List.of("its")),
                Arguments.of("\"it's\"", List.of("it's")),
                Arguments.of("'say \"hi\"'", List.of("say \"hi\"")),
                Arguments.of("\"a\\\"b\\\\c\\n\"", List.of("a\"b\\c\\n")),
                Arguments.of("'a\\b'", List.of("a\\b")),
                Arguments.of("'${version} ${vpc-id}'", List.of("${version} ${vpc-id}")),
                Arguments.of("\"\\$x\"", List.of("$x")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splitsAsAShellDoes(String line, List<String> words) {
        assertThat(LocalLauncher.split(line)).containsExactlyElementsOf(words);
    }

    @Test
    void anUnclosedQuoteOrATrailingBackslashIsRefused() {
        assertThatThrownBy(() -> LocalLauncher.split("--log-format 'version start"))
                .hasMessage("a single quote is not closed: 'version start");
        assertThatThrownBy(() -> LocalLauncher.split("--x \"a")).hasMessage("a double quote is not closed: \"a");
        assertThatThrownBy(() -> LocalLauncher.split("--x a\\")).hasMessage("it ends in a lone backslash");
    }

    @Test
    void aFormatWhoseVersionMavenReplacedIsRefusedWithItsPlainForm() {
        String[] words = {"--log-format", "1.2.0 ${interface-id} ${start}", "--region", "eu-west-1"};
        assertThatThrownBy(() -> LocalLauncher.refuseMavenExpansion(words, "1.2.0"))
                .hasMessage("Maven replaced ${version} with the project's version 1.2.0 in '1.2.0 ${interface-id}"
                        + " ${start}'; give the fields as plain names: 'version interface-id start'");
        // the same version elsewhere, or a version that is only part of a word, is left alone
        LocalLauncher.refuseMavenExpansion(new String[] {"--x", "1.2.0", "--y", "11.2.0 ${a}"}, "1.2.0");
        LocalLauncher.refuseMavenExpansion(words, null);
    }
}
