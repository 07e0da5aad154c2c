package com.vpcflow.monitoring.config;

/** Where a setting lives on MSF: one runtime property group per stage; or on the command line only. */
public enum PropertyGroup {
    FLOW_LOG_JOB("FlowLogJob"),
    WINDOWS("Windows"),
    KINESIS_SOURCE("KinesisSource"),
    DATADOG_SINK("DatadogSink"),
    /** Not a property group: a local run's flag only (a local file, the properties file itself). */
    COMMAND_LINE(null);

    private final String id;

    PropertyGroup(String id) {
        this.id = id;
    }

    /** The group's id in MSF's runtime properties, or null for {@link #COMMAND_LINE}. */
    public String id() {
        return id;
    }
}
