package com.vpcflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.testing.AwsTestClients;
import com.vpcflow.monitoring.testing.DatadogIntake;
import com.vpcflow.monitoring.testing.LocalAwsSecrets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The local run (the job's real entry point, in a JVM of its own, as the README's command starts it) when delivery
 * cannot work: an error no restart can fix ends the run within seconds, exit code 1, with one line on stderr that
 * names the setting to fix; an error a restart can fix restarts the job, saying why in one WARN line each time.
 */
class LocalRunFailuresTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    /** Flags of a short run over the past: windows fire as soon as the input ends. */
    static final List<String> RUN = List.of(
            "--generator-payloads",
            "300",
            "--generator-rate",
            "2000",
            "--generator-start",
            "1700000000",
            "--parallelism",
            "1",
            "--datadog-flush-interval",
            "300ms",
            "--historical-ingestion", // the generated traffic is from 2023
            "true",
            "--runtime-mode", // failing and restarting as the live job does, not as a batch run reruns a task
            "streaming");

    record Run(int exit, long millis, List<String> stderr) {
        List<String> lines(String prefix) {
            return stderr.stream().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private static Process start(Map<String, String> env, List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        for (String opens : System.getProperty(
                        "flink.java.opens",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED")
                .split(" ")) {
            if (!opens.isBlank()) cmd.add(opens);
        }
        cmd.addAll(List.of(
                "-Dlog4j.configurationFile=log4j2-local.properties",
                "-Daws.accessKeyId=test-key",
                "-Daws.secretAccessKey=test-secret",
                "-cp",
                System.getProperty("java.class.path"),
                FlowLogMonitoringJob.class.getName()));
        cmd.addAll(RUN);
        cmd.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DD_API_KEY");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs to the end (at most 120 s, then the run is stopped and counted as not ending). */
    private static Run runToEnd(Map<String, String> env, String... flags) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(env, List.of(flags));
        List<String> err = new ArrayList<>();
        Thread reader = new Thread(() -> readInto(p, err));
        reader.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly().waitFor();
        reader.join(5_000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        synchronized (err) {
            return new Run(ended ? p.exitValue() : Integer.MIN_VALUE, millis, List.copyOf(err));
        }
    }

    private static void readInto(Process p, List<String> err) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (err) {
                    err.add(line);
                }
            }
        } catch (java.io.IOException ignored) {
            // the process is gone
        }
    }

    private static void assertEndedFatally(Run run, String expectedLine) {
        System.out.printf("fatal run: exit %d after %d ms, %s%n", run.exit(), run.millis(), run.lines("Fatal: "));
        assertThat(run.exit())
                .as("exit code; stderr:%n%s", String.join("\n", run.stderr()))
                .isEqualTo(1);
        assertThat(run.millis())
                .as("ends within seconds, not after a restart loop")
                .isLessThan(60_000);
        assertThat(run.lines("Fatal: ")).containsExactly(expectedLine);
        assertThat(run.stderr()).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
    }

    @Test
    void aMalformedKeyEndsTheRunNamingItsSource() throws Exception {
        Run run = runToEnd(Map.of("DD_API_KEY", "ddkey-123"), "--datadog-url", "http://127.0.0.1:9");
        assertEndedFatally(
                run,
                "Fatal: The value from DD_API_KEY does not look like a Datadog API key (16-64 letters and digits)");
    }

    @Test
    void aKeyTheIntakeRefusesEndsTheRunNamingTheSite() throws Exception {
        try (DatadogIntake intake = new DatadogIntake(KEY)) {
            Run run = runToEnd(Map.of("DD_API_KEY", "ffffffffffffffffffffffffffffffff"), "--datadog-url", intake.url());
            assertEndedFatally(
                    run,
                    "Fatal: Datadog rejected the API key for site datadoghq.com (HTTP 403 from " + intake.url()
                            + "): check the key and --datadog-site");
        }
    }

    @Test
    void anIntakeUrlThatAnswers404EndsTheRun() throws Exception {
        try (DatadogIntake intake = new DatadogIntake(KEY)) {
            Run run = runToEnd(
                    Map.of("DD_API_KEY", KEY),
                    "--datadog-url",
                    intake.url() + "/wrong/prefix",
                    "--datadog-validate-key",
                    "false");
            assertEndedFatally(
                    run,
                    "Fatal: Datadog intake at " + intake.url() + "/wrong/prefix/api/v2/series"
                            + " answered HTTP 404: check --datadog-site / --datadog-url");
        }
    }

    @Test
    void aCiphertextKmsCannotDecryptEndsTheRun() throws Exception {
        try (LocalAwsSecrets aws = new LocalAwsSecrets()) {
            AwsTestClients.setDummyCredentials();
            String blob = AwsTestClients.kmsEncrypt(aws, "{\"api_key\":\"" + KEY + "\"}", Map.of("app", "other"));
            Run run = runToEnd(
                    Map.of(),
                    "--kms-encrypted-keys",
                    blob,
                    "--kms-endpoint",
                    aws.url(),
                    "--region",
                    "us-east-1",
                    "--datadog-url",
                    "http://127.0.0.1:9");
            assertEndedFatally(
                    run,
                    "Fatal: KMS could not decrypt KMS_ENCRYPTED_KEYS (InvalidCiphertextException): if"
                            + " the key was encrypted with an encryption context, give it with --kms-encryption-context");
        }
    }

    @Test
    void anIntakeThatStaysDownRestartsTheJobSayingWhyEachTime() throws Exception {
        Process p = start(
                Map.of("DD_API_KEY", KEY),
                List.of(
                        "--datadog-url",
                        "http://127.0.0.1:9",
                        "--datadog-validate-key",
                        "false",
                        "--datadog-max-retry-time",
                        "1s",
                        "--datadog-retry-backoff",
                        "100ms"));
        List<String> err = new ArrayList<>();
        Thread reader = new Thread(() -> readInto(p, err));
        reader.start();
        try {
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline && p.isAlive()) {
                synchronized (err) {
                    if (err.stream()
                                    .filter(l -> l.contains("DatadogUnavailableException"))
                                    .count()
                            >= 2) break;
                }
                Thread.sleep(200);
            }
            assertThat(p.isAlive()).as("the job is still running, restarting").isTrue();
        } finally {
            p.destroyForcibly().waitFor();
            reader.join(5_000);
        }
        List<String> warnings;
        synchronized (err) {
            warnings =
                    err.stream().filter(l -> l.contains(" WARN  a task failed")).toList();
            System.out.printf("transient failure: %d restarts seen, e.g. %s%n", warnings.size(), warnings.get(0));
            assertThat(err).noneMatch(l -> l.startsWith("Fatal: ") || l.startsWith("\tat "));
        }
        assertThat(warnings).hasSizeGreaterThanOrEqualTo(2).allSatisfy(l -> assertThat(l)
                .contains("com.vpcflow.monitoring.datadog.DatadogUnavailableException: Datadog intake at"
                        + " http://127.0.0.1:9/api/v2/series kept failing for longer than --datadog-max-retry-time"));
    }
}
