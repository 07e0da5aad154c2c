package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.flowlog.TimeRange;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;
import org.apache.flink.core.plugin.PluginUtils;

/**
 * An input of flow-log files as the job sees it before it starts: on which file system it lives (for {@code s3://},
 * Flink's S3 file system, a plugin), whether anything is there to read, and the header of the first file it will
 * read, which tells the format. Every failure here is one {@link ArchiveException} naming the input.
 */
public final class FlowLogArchive {
    /** A flow-log file's first line is short; a longer one is no header. */
    private static final int MAX_HEADER_CHARS = 4096;

    private static String initializedFor;

    private FlowLogArchive() {}

    /** The input cannot be read as asked: missing, empty, unreachable, or no file system for its scheme. */
    public static final class ArchiveException extends Exception {
        private static final long serialVersionUID = 1L;

        ArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether {@code input} names an S3 location (the schemes Flink's S3 file systems register). */
    public static boolean isObjectStore(String input) {
        return input.startsWith("s3://") || input.startsWith("s3a://") || input.startsWith("s3p://");
    }

    /**
     * Makes Flink's S3 file system usable in this JVM, for a local run: loaded as a plugin from
     * {@code $FLINK_PLUGINS_DIR} (Flink's own convention; the build puts it in {@code target/flink-plugins}), with
     * {@code endpoint} (path-style, plain HTTP allowed) when given, and AWS SDK's default credential chain (the
     * environment, system properties, profiles, container and instance roles). A JVM whose Flink already has an S3
     * file system and no endpoint to set (a cluster's) is left as it is.
     */
    public static synchronized void useS3FileSystem(String input, String endpoint) throws ArchiveException {
        String wanted = String.valueOf(endpoint);
        if (wanted.equals(initializedFor)) return;
        if (endpoint == null && initializedFor == null && hasFileSystem(input)) return;
        // S3A runs on AWS SDK v1, which prints a maintenance notice with a stack trace to stderr on first use.
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        Configuration conf = new Configuration();
        // Hadoop's S3A chain lacks profiles and system properties: use the SDK's own, as the job's other clients do.
        conf.setString("s3.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
        if (endpoint != null) {
            conf.setString("s3.endpoint", endpoint);
            conf.setString("s3.path.style.access", "true");
            conf.setString("s3.connection.ssl.enabled", Boolean.toString(endpoint.startsWith("https:")));
        }
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
        initializedFor = wanted;
        if (!hasFileSystem(input)) {
            String dir = System.getenv().getOrDefault("FLINK_PLUGINS_DIR", "plugins");
            throw new ArchiveException(
                    "no S3 file system to read " + input + ": Flink loads it as a plugin from " + dir
                            + "/s3-fs-hadoop/flink-s3-fs-hadoop-<flink version>.jar (`mvn compile` puts it in"
                            + " target/flink-plugins; set FLINK_PLUGINS_DIR to that folder)",
                    null);
        }
    }

    private static boolean hasFileSystem(String input) throws ArchiveException {
        try {
            new Path(input).getFileSystem();
            return true;
        } catch (UnsupportedFileSystemSchemeException e) {
            return false;
        } catch (IOException e) {
            throw new ArchiveException("cannot open " + input + ": " + e.getMessage(), e);
        }
    }

    /**
     * The header of the first file the run will read (by name, depth first, through {@code filter}), in plain names;
     * empty when that file has none.
     *
     * @throws ArchiveException when the input does not exist, cannot be listed, or holds no file {@code filter} keeps
     */
    public static Optional<String> firstHeader(String input, TimeRange range) throws ArchiveException {
        FlowLogObjectFilter filter = new FlowLogObjectFilter(range);
        Path root = new Path(input);
        try {
            FileSystem fs = root.getFileSystem();
            FileStatus status;
            try {
                status = fs.getFileStatus(root);
            } catch (FileNotFoundException e) {
                throw new ArchiveException(input + " does not exist (" + firstLine(e) + ")", e);
            }
            Optional<FileStatus> first = firstFile(fs, status, filter);
            if (first.isEmpty()) {
                throw new ArchiveException(
                        input + " holds no flow-log file to read"
                                + (range.isAll() ? "" : " for the records asked for by --from/--to"),
                        null);
            }
            return headerOf(fs, first.get().getPath());
        } catch (ArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveException("cannot read " + input + ": " + firstLine(e), e);
        }
    }

    private static Optional<FileStatus> firstFile(FileSystem fs, FileStatus status, FlowLogObjectFilter filter)
            throws IOException {
        if (!status.isDir()) return filter.test(status.getPath()) ? Optional.of(status) : Optional.empty();
        FileStatus[] children = fs.listStatus(status.getPath());
        if (children == null) return Optional.empty();
        Arrays.sort(children, Comparator.comparing(c -> c.getPath().getName()));
        for (FileStatus child : children) {
            if (!filter.test(child.getPath())) continue;
            Optional<FileStatus> found = firstFile(fs, child, filter);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static Optional<String> headerOf(FileSystem fs, Path file) throws IOException {
        try (InputStream raw = fs.open(file);
                InputStream in = file.getName().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) != -1 && c != '\n' && line.length() < MAX_HEADER_CHARS) line.append((char) c);
            return FlowLogLinesFormat.headerOf(line.toString());
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
