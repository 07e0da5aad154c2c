package com.vpcflow.monitoring.source;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the name of a flow-log object that VPC Flow Logs delivered to S3 says:
 * {@code <account>_vpcflowlogs_<region>_<flow-log-id>_<yyyyMMddTHHmmZ>_<hash>.log.gz}, whatever the folder layout
 * (plain, Hive-compatible, hourly). The time ends the interval whose records the file holds: every record in it
 * started before that time.
 */
public record FlowLogObjectName(String account, String region, String flowLogId, Instant time) {
    private static final Pattern NAME = Pattern.compile(
            "(\\d{12})_vpcflowlogs_([a-z0-9-]+)_(fl-[0-9a-zA-Z]+)_(\\d{8}T\\d{4}Z)_[0-9a-zA-Z]+\\.log(\\.gz)?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");

    /** The name's parts, or empty for a name of another shape (a file written by hand, say). */
    public static Optional<FlowLogObjectName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) return Optional.empty();
        try {
            Instant time = LocalDateTime.parse(m.group(4), TIME).toInstant(ZoneOffset.UTC);
            return Optional.of(new FlowLogObjectName(m.group(1), m.group(2), m.group(3), time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
