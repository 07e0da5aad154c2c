package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.metrics.MetricSeries;
import com.vpcflow.monitoring.testing.Bodies;
import com.vpcflow.monitoring.testing.PrintArgs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local entry point itself, {@code mvn -q exec:exec -Djob.args="…"} in a process of its own: every value
 * reaches the main class as typed, spaces, quotes and empty values included; the AWS form of a log format, which
 * Maven rewrites, is refused with the plain form to use.
 */
class LocalEntryPointIT {
    static final String V5_PLAIN = "version vpc-id subnet-id interface-id account-id srcaddr dstaddr srcport dstport"
            + " protocol packets bytes start end action log-status flow-direction";

    @TempDir
    Path tmp;

    /** The exec plugin passes the main class's stderr on to Maven's stdout: one stream, as the user sees it. */
    record Run(int exit, String output) {
        List<String> lines(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private static Run mvnExec(String jobArgs, String... properties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", "exec:exec", "-Djob.args=" + jobArgs));
        cmd.addAll(List.of(properties));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void valuesReachTheMainClassAsTyped() throws Exception {
        Run run = mvnExec(
                "--log-format 'version vpc-id  start' --empty '' --quoted \"say \\\"hi\\\"\" --escaped a\\ b"
                        + " --braces '${vpc-id} ${start}'",
                "-Dexec.scope=test",
                "-Dmain.class=" + PrintArgs.class.getName());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.lines("["))
                .containsExactly(
                        "[--log-format]",
                        "[version vpc-id  start]",
                        "[--empty]",
                        "[]",
                        "[--quoted]",
                        "[say \"hi\"]",
                        "[--escaped]",
                        "[a b]",
                        "[--braces]",
                        "[${vpc-id} ${start}]");
    }

    @Test
    void aCustomFormatInPlainNamesRunsTheJob() throws Exception {
        Path out = tmp.resolve("bodies.jsonl");
        Run run = mvnExec("--source file --input src/test/resources/sample/v5-subnets.txt --input-format lines"
                + " --log-format '" + V5_PLAIN + "' --dimensions vpc_id,subnet_id --region eu-west-1 --output "
                + out);
        assertThat(run.exit()).as(run.output()).isZero();
        Map<String, Double> bytes = new TreeMap<>();
        for (MetricSeries s : Bodies.readLines(out)) {
            if (!s.metric.equals("aws.vpc.flowlogs.bytes.total")) continue;
            List<String> tags = new ArrayList<>(List.of(s.tags));
            tags.removeIf(t -> !t.startsWith("action:") && !t.startsWith("subnet_id:"));
            tags.sort(null);
            bytes.merge(String.join(",", tags), s.value, Double::sum);
        }
        // v5-subnets.txt by hand: ACCEPT subnet-a 1000 + 3000, subnet-b 500, "-" (no tag) 200; REJECT subnet-a 100
        assertThat(bytes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "action:ACCEPT,subnet_id:subnet-a", 4000.0,
                        "action:ACCEPT,subnet_id:subnet-b", 500.0,
                        "action:ACCEPT", 200.0,
                        "action:REJECT,subnet_id:subnet-a", 100.0));
    }

    @Test
    void theAwsFormIsRefusedWithThePlainFormBecauseMavenRewritesIt() throws Exception {
        Run run = mvnExec("--source file --input src/test/resources/sample/v5-subnets.txt --input-format lines"
                + " --log-format '${version} ${interface-id} ${start}'");
        assertThat(run.exit()).isNotZero();
        assertThat(run.lines("Configuration error"))
                .singleElement()
                .asString()
                .matches("Configuration error: -Djob.args: Maven replaced \\$\\{version} with the project's version"
                        + " \\S+ in '\\S+ \\$\\{interface-id} \\$\\{start}'; give the fields as plain names:"
                        + " 'version interface-id start'");
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingJobArgs() throws Exception {
        Run run = mvnExec(
                "--log-format 'version start", "-Dexec.scope=test", "-Dmain.class=" + PrintArgs.class.getName());
        assertThat(run.exit()).isNotZero();
        assertThat(run.lines("Configuration error"))
                .containsExactly("Configuration error: -Djob.args: a single quote is not closed: 'version start");
    }
}
