package com.vpcflow.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpcflow.monitoring.metrics.MetricSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads request bodies (v2 series JSON) back into points, checking their shape on the way. */
public final class Bodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {}

    public static List<MetricSeries> readLines(Path file) {
        try {
            List<MetricSeries> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) out.addAll(parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<MetricSeries> parse(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root.size() != 1 || !root.path("series").isArray()) throw new IOException("not a v2 series body: " + root);
        List<MetricSeries> out = new ArrayList<>();
        for (JsonNode s : root.get("series")) {
            JsonNode points = s.get("points");
            String[] tags = new String[s.get("tags").size()];
            for (int i = 0; i < tags.length; i++) tags[i] = s.get("tags").get(i).asText();
            for (JsonNode p : points) {
                out.add(new MetricSeries(
                        s.get("metric").asText(),
                        s.get("type").asInt(),
                        s.has("interval") ? s.get("interval").asLong() : 0,
                        tags,
                        p.get("timestamp").asLong(),
                        p.get("value").asDouble()));
            }
        }
        return out;
    }
}
