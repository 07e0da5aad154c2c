package com.vpcflow.monitoring.flowlog;

import java.util.HashMap;
import java.util.Map;

/**
 * The documented VPC Flow Logs fields through version 8, with the type each holds in the record text. Numeric fields
 * are checked when a line is parsed; a name not listed here is accepted as a string field (newer versions add fields).
 */
public enum FlowLogField {
    VERSION("version", Kind.NUMBER, 2, Integer.MAX_VALUE),
    ACCOUNT_ID("account-id", Kind.TEXT, 2, 0),
    INTERFACE_ID("interface-id", Kind.TEXT, 2, 0),
    SRCADDR("srcaddr", Kind.TEXT, 2, 0),
    DSTADDR("dstaddr", Kind.TEXT, 2, 0),
    SRCPORT("srcport", Kind.NUMBER, 2, 65_535),
    DSTPORT("dstport", Kind.NUMBER, 2, 65_535),
    PROTOCOL("protocol", Kind.NUMBER, 2, 255),
    PACKETS("packets", Kind.NUMBER, 2, Long.MAX_VALUE),
    BYTES("bytes", Kind.NUMBER, 2, Long.MAX_VALUE),
    START("start", Kind.NUMBER, 2, Long.MAX_VALUE),
    END("end", Kind.NUMBER, 2, Long.MAX_VALUE),
    ACTION("action", Kind.TEXT, 2, 0),
    LOG_STATUS("log-status", Kind.TEXT, 2, 0),
    VPC_ID("vpc-id", Kind.TEXT, 3, 0),
    SUBNET_ID("subnet-id", Kind.TEXT, 3, 0),
    INSTANCE_ID("instance-id", Kind.TEXT, 3, 0),
    TCP_FLAGS("tcp-flags", Kind.NUMBER, 3, 255),
    TYPE("type", Kind.TEXT, 3, 0),
    PKT_SRCADDR("pkt-srcaddr", Kind.TEXT, 3, 0),
    PKT_DSTADDR("pkt-dstaddr", Kind.TEXT, 3, 0),
    REGION("region", Kind.TEXT, 4, 0),
    AZ_ID("az-id", Kind.TEXT, 4, 0),
    SUBLOCATION_TYPE("sublocation-type", Kind.TEXT, 4, 0),
    SUBLOCATION_ID("sublocation-id", Kind.TEXT, 4, 0),
    PKT_SRC_AWS_SERVICE("pkt-src-aws-service", Kind.TEXT, 5, 0),
    PKT_DST_AWS_SERVICE("pkt-dst-aws-service", Kind.TEXT, 5, 0),
    FLOW_DIRECTION("flow-direction", Kind.TEXT, 5, 0),
    TRAFFIC_PATH("traffic-path", Kind.NUMBER, 5, Integer.MAX_VALUE),
    ECS_CLUSTER_ARN("ecs-cluster-arn", Kind.TEXT, 7, 0),
    ECS_CLUSTER_NAME("ecs-cluster-name", Kind.TEXT, 7, 0),
    ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", Kind.TEXT, 7, 0),
    ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", Kind.TEXT, 7, 0),
    ECS_CONTAINER_ID("ecs-container-id", Kind.TEXT, 7, 0),
    ECS_SECOND_CONTAINER_ID("ecs-second-container-id", Kind.TEXT, 7, 0),
    ECS_SERVICE_NAME("ecs-service-name", Kind.TEXT, 7, 0),
    ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", Kind.TEXT, 7, 0),
    ECS_TASK_ARN("ecs-task-arn", Kind.TEXT, 7, 0),
    ECS_TASK_ID("ecs-task-id", Kind.TEXT, 7, 0),
    REJECT_REASON("reject-reason", Kind.TEXT, 8, 0),
    /** Any name not documented (yet): kept as text. */
    UNKNOWN("", Kind.TEXT, 0, 0);

    /** How the value is written in a record. */
    public enum Kind {
        TEXT,
        NUMBER
    }

    private static final Map<String, FlowLogField> BY_NAME = new HashMap<>();

    static {
        for (FlowLogField f : values()) {
            if (f != UNKNOWN) BY_NAME.put(f.fieldName, f);
        }
    }

    private final String fieldName;
    private final Kind kind;
    private final int version;
    private final long max;

    FlowLogField(String fieldName, Kind kind, int version, long max) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.version = version;
        this.max = max;
    }

    public static FlowLogField byName(String name) {
        return BY_NAME.getOrDefault(name, UNKNOWN);
    }

    public String fieldName() {
        return fieldName;
    }

    public Kind kind() {
        return kind;
    }

    /** The flow-log version that introduced the field. */
    public int version() {
        return version;
    }

    /** Largest valid value of a number field (smallest is 0). */
    public long max() {
        return max;
    }
}
