package com.vpcflow.monitoring.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's end-to-end benchmark, one command:
 *
 * <pre>mvn -q test-compile exec:exec -Dexec.scope=test -Dmain.class=com.vpcflow.monitoring.bench.EndToEndBenchmark</pre>
 *
 * Generates the datasets (seeded, into {@code target/bench}, once), runs the hand-written {@link CeilingLoop} on
 * every core, then the job on each dataset in a JVM of its own with {@code -Xmx1g} (file source, default parallelism,
 * bodies to a file; then with the real Datadog sink against a loopback {@link DiscardingIntake}), and prints one
 * table: records/s and series/s with start-up cancelled out (a 100,000-record run is subtracted), % of the ceiling
 * measured in the same run, GC time and peak heap. Extra arguments go to every job run.
 */
public final class EndToEndBenchmark {
    private EndToEndBenchmark() {}

    record Figures(double seconds, long records, long series, long gcMillis, long peakHeapMib) {
        static Figures parse(String line) {
            Map<String, String> f = new HashMap<>();
            for (String kv : line.substring("job-run ".length()).split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) f.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return new Figures(
                    Double.parseDouble(f.get("seconds")),
                    Long.parseLong(f.get("records")),
                    Long.parseLong(f.get("series")),
                    Long.parseLong(f.get("gc-ms")),
                    Long.parseLong(f.get("peak-heap-mib")));
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target", "bench");
        int cores = Runtime.getRuntime().availableProcessors();
        List<BenchDataset> datasets =
                List.of(BenchDataset.STARTUP, BenchDataset.FEW_INTERFACES, BenchDataset.MANY_INTERFACES);
        for (BenchDataset d : datasets) d.writeIfMissing(dir);

        Path ceilingInput = BenchDataset.FEW_INTERFACES.file(dir);
        CeilingLoop.run(ceilingInput, cores); // warm-up
        CeilingLoop.Result ceiling = CeilingLoop.run(ceilingInput, cores);
        System.out.printf(
                "ceiling loop, %d threads: %,d records in %.2f s = %,.0f records/s%n",
                cores, ceiling.records(), ceiling.seconds(), ceiling.perSecond());

        Figures startup = jobRun(dir, BenchDataset.STARTUP, Map.of(), args);
        System.out.printf(
                "| dataset | records | series | s (minus start-up) | records/s | series/s | %% of ceiling | GC s | peak heap |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf(
                "| ceiling loop (%s, %d threads) | %,d | | %.2f | %,.0f | | 100%% | | |%n",
                BenchDataset.FEW_INTERFACES.name(), cores, ceiling.records(), ceiling.seconds(), ceiling.perSecond());
        System.out.printf(
                "| %s (start-up run) | %,d | %,d | %.2f | | | | %.2f | %d MiB |%n",
                BenchDataset.STARTUP.name(),
                startup.records(),
                startup.series(),
                startup.seconds(),
                startup.gcMillis() / 1000.0,
                startup.peakHeapMib());
        List<BenchDataset> measured = List.of(BenchDataset.FEW_INTERFACES, BenchDataset.MANY_INTERFACES);
        for (BenchDataset d : measured) {
            row(d.name() + ", bodies to a file", jobRun(dir, d, Map.of(), args), startup, ceiling);
        }
        // The real sink (gzip, batching, retries) against a loopback intake that discards what it receives.
        try (DiscardingIntake intake = new DiscardingIntake()) {
            Map<String, String> key = Map.of("DD_API_KEY", "0123456789abcdef0123456789abcdef");
            List<String> flags =
                    new ArrayList<>(List.of("--datadog-url", intake.url(), "--historical-ingestion", "true"));
            flags.addAll(List.of(args));
            String[] sinkArgs = flags.toArray(String[]::new);
            Figures sinkStartup = jobRun(dir, BenchDataset.STARTUP, key, sinkArgs);
            for (BenchDataset d : measured) {
                long bytes = intake.bytes.get(), requests = intake.requests.get();
                Figures f = jobRun(dir, d, key, sinkArgs);
                row(
                        String.format(
                                "%s, Datadog sink (%,d requests, %.1f MB gzip)",
                                d.name(), intake.requests.get() - requests, (intake.bytes.get() - bytes) / 1e6),
                        f,
                        sinkStartup,
                        ceiling);
            }
        }
    }

    private static void row(String what, Figures f, Figures startup, CeilingLoop.Result ceiling) {
        double seconds = f.seconds() - startup.seconds();
        double records = (f.records() - startup.records()) / seconds;
        double series = (f.series() - startup.series()) / seconds;
        System.out.printf(
                "| %s | %,d | %,d | %.2f | %,.0f | %,.0f | %.0f%% | %.2f | %d MiB |%n",
                what,
                f.records(),
                f.series(),
                seconds,
                records,
                series,
                100 * records / ceiling.perSecond(),
                f.gcMillis() / 1000.0,
                f.peakHeapMib());
    }

    static Figures jobRun(Path dir, BenchDataset d, Map<String, String> env, String[] extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g"));
        // the --add-opens flags Flink needs on Java 17, as this JVM was given them
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens"))
                .forEach(cmd::add);
        Path out = dir.resolve(d.name() + "-bodies.jsonl");
        java.nio.file.Files.deleteIfExists(out);
        cmd.addAll(List.of(
                "-Dlog4j.configurationFile=log4j2-local.properties",
                "-cp",
                System.getProperty("java.class.path"),
                JobRun.class.getName(),
                "--source",
                "file",
                "--input",
                d.file(dir).toString(),
                "--region",
                "eu-west-1",
                "--max-out-of-orderness",
                "1min",
                "--checkpoint-interval",
                "10s"));
        if (env.isEmpty()) cmd.addAll(List.of("--output", out.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DD_API_KEY");
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("job run failed:\n" + output);
        return Figures.parse(output.lines()
                .filter(l -> l.startsWith("job-run "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures in:\n" + output)));
    }
}
