package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Window state is bounded and leaves nothing behind: {@link StateBoundRun} in a JVM of its own with {@code -Xmx1g},
 * 100,000 ENIs with 3 open windows each, on the heap backend and on RocksDB (MSF's), then every window fired: no
 * keyed state and no timer left.
 */
class StateBoundTest {

    private static Map<String, String> run(int keys, String backend) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g"));
        for (String opens : System.getProperty("flink.java.opens", "").split(" ")) {
            if (!opens.isBlank()) cmd.add(opens);
        }
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                StateBoundRun.class.getName(),
                Integer.toString(keys),
                backend));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(280, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines()
                .filter(l -> l.startsWith("state-bound "))
                .findFirst()
                .orElseThrow();
        System.out.println(line);
        Map<String, String> figures = new HashMap<>();
        for (String kv : line.substring(line.indexOf(':') + 2).split(" ")) {
            figures.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return figures;
    }

    @Test
    void aHundredThousandEnisWithThreeOpenWindowsFitInOneGigabyteOfHeap() throws Exception {
        Map<String, String> f = run(100_000, "heap");
        assertThat(f.get("max-heap")).isEqualTo("1024MiB");
        assertThat(f.get("entries-open")).isEqualTo("300000");
        assertThat(f.get("timers-open")).isEqualTo("300000");
        assertThat(Long.parseLong(f.get("bytes-per-key-window"))).isLessThan(1_000);
        assertThat(f.get("series")).isEqualTo("1200000"); // 4 per window with the gauges off
        assertThat(f.get("entries-after")).isEqualTo("0");
        assertThat(f.get("window-keys-after")).isEqualTo("0");
        assertThat(f.get("timers-after")).isEqualTo("0");
    }

    @Test
    void onRocksDbTheSameStateStaysOffTheHeapAndIsLeftEmptyToo() throws Exception {
        Map<String, String> f = run(100_000, "rocksdb");
        assertThat(f.get("max-heap")).isEqualTo("1024MiB");
        assertThat(f.get("timers-open")).isEqualTo("300000");
        assertThat(Long.parseLong(f.get("bytes-per-key-window"))).isLessThan(1_000);
        assertThat(Long.parseLong(f.get("heap-used").replace("MiB", ""))).isLessThan(256);
        assertThat(f.get("series")).isEqualTo("1200000");
        assertThat(f.get("window-keys-after")).isEqualTo("0");
        assertThat(f.get("timers-after")).isEqualTo("0");
    }
}
