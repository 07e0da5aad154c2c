package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/** A text file read line by line into {@link RawPayload}s; subclasses say how lines become payloads. */
abstract class LineFileFormat extends SimpleStreamFormat<RawPayload> {
    private static final long serialVersionUID = 1L;

    /** Reads lines, counting them for the payloads' origin. */
    static final class Lines {
        private final BufferedReader reader;
        private long number;
        private String pushedBack;
        /** The file's header in plain names, and as written; null when it has none. */
        String header, headerText;

        Lines(BufferedReader reader) {
            this.reader = reader;
        }

        String next() throws IOException {
            if (pushedBack != null) {
                String line = pushedBack;
                pushedBack = null;
                return line;
            }
            String line = reader.readLine();
            if (line != null) number++;
            return line;
        }

        /** Gives {@code line}, just read, back: the next {@link #next()} returns it again. */
        void pushBack(String line) {
            pushedBack = line;
        }

        long number() {
            return number;
        }
    }

    /** The next payload from these lines, or null at the end of the file. */
    abstract RawPayload next(Lines lines) throws IOException;

    @Override
    public final Reader<RawPayload> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        Lines lines = new Lines(reader);
        return new Reader<>() {
            @Override
            public RawPayload read() throws IOException {
                return next(lines);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public final TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }
}
