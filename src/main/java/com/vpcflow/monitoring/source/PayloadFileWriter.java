package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.config.ConfigReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes generator payloads as a payloads file (base64 gzip, one per line): input for {@code --source file}, for
 * {@code deploy/local-kinesis.sh put}, and for benchmarks. Flags: {@code --output FILE} (required), {@code --payloads N}
 * (default 600), {@code --seed S}, {@code --start EPOCH_SECONDS} (default now minus one second per payload, so the data
 * ends now), {@code --disorder SECONDS} (default 30).
 */
public final class PayloadFileWriter {
    private PayloadFileWriter() {}

    public static void main(String[] args) throws IOException {
        ConfigReader r = ConfigReader.fromArgs(args);
        Path out = Path.of(r.requiredString("output", "where to write the payloads"));
        long payloads = r.longInRange("payloads", 600, 1, 100_000_000);
        long seed = r.longInRange("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        long start = r.longInRange("start", System.currentTimeMillis() / 1000 - payloads, 0, Long.MAX_VALUE);
        int disorder = r.intInRange("disorder", 30, 0, 3600);
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
