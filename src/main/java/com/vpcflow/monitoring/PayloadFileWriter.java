package com.vpcflow.monitoring;

import static com.vpcflow.monitoring.config.PropertyGroup.COMMAND_LINE;

import com.vpcflow.monitoring.config.ConfigReader;
import com.vpcflow.monitoring.config.Setting;
import com.vpcflow.monitoring.config.SettingType;
import com.vpcflow.monitoring.source.FlowLogGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes generator payloads as a payloads file (base64 gzip, one per line): input for {@code --source file}, for
 * {@code deploy/local-kinesis.sh put}, and for benchmarks. A tool beside the job, with flags of its own.
 */
public final class PayloadFileWriter {
    static final Setting<String> OUTPUT =
            Setting.withoutDefault("output", COMMAND_LINE, SettingType.TEXT, "—", "where to write the payloads");
    static final Setting<Long> PAYLOADS =
            Setting.of("payloads", COMMAND_LINE, SettingType.longRange(1, 100_000_000), 600L, "payloads to write");
    static final Setting<Long> SEED = Setting.of(
            "seed", COMMAND_LINE, SettingType.longRange(Long.MIN_VALUE, Long.MAX_VALUE), 42L, "generator seed");
    static final Setting<Long> START = Setting.withoutDefault(
            "start",
            COMMAND_LINE,
            SettingType.longRange(0, Long.MAX_VALUE),
            "now minus one second per payload (the data ends now)",
            "event time (epoch s) of the first payload");
    static final Setting<Integer> DISORDER = Setting.of(
            "disorder",
            COMMAND_LINE,
            SettingType.intRange(0, 3600),
            30,
            "how far records arrive out of order, in seconds");

    private PayloadFileWriter() {}

    public static void main(String[] args) throws IOException {
        ConfigReader r = ConfigReader.fromArgs(args);
        Path out = Path.of(r.required(OUTPUT, "where to write the payloads"));
        long payloads = r.get(PAYLOADS);
        long seed = r.get(SEED);
        long start = r.get(START, System.currentTimeMillis() / 1000 - payloads);
        int disorder = r.get(DISORDER);
        r.rejectUnknown();
        FlowLogGenerator generator = new FlowLogGenerator(seed, start, disorder);
        Base64.Encoder b64 = Base64.getEncoder();
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (long i = 0; i < payloads; i++) {
                w.write(b64.encodeToString(generator.map(i).data));
                w.newLine();
            }
        }
        System.err.println("wrote " + payloads + " payloads to " + out);
    }
}
