package com.vpcflow.monitoring.flowlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** IANA protocol number -> the tag value dashboards use: the registry keyword, lower-cased as Datadog stores tags. */
public final class IanaProtocols {
    /** Tag value when the record has no protocol ({@code -}). */
    public static final String NONE = "-";

    private static final String[] NAMES = load();

    private IanaProtocols() {}

    /** @param number 0..255, or -1 for "no value" */
    public static String name(int number) {
        if (number < 0) return NONE;
        return number < NAMES.length ? NAMES[number] : Integer.toString(number);
    }

    private static String[] load() {
        String[] names = new String[256];
        for (int i = 0; i < names.length; i++) {
            names[i] = Integer.toString(i);
        }
        try (InputStream in = IanaProtocols.class.getResourceAsStream("/iana-protocol-numbers.txt")) {
            if (in == null) throw new IllegalStateException("iana-protocol-numbers.txt missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int space = line.indexOf(' ');
                names[Integer.parseInt(line.substring(0, space))] =
                        line.substring(space + 1).trim().toLowerCase(Locale.ROOT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
