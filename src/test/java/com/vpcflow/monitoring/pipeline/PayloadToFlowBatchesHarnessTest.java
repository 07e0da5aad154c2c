package com.vpcflow.monitoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.config.JobConfig;
import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.stats.GroupStats;
import com.vpcflow.monitoring.stats.SeriesGroup;
import com.vpcflow.monitoring.testing.TestPayloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The operator reuses its records from payload to payload (and past {@link PayloadToFlowBatches#MAX_REUSED_RECORDS}
 * makes new ones): each payload's batches hold exactly its own accepted lines, whatever the payload before held or
 * refused.
 */
class PayloadToFlowBatchesHarnessTest {
    static final long T = 1_700_000_040L; // a window start

    @Test
    void eachPayloadsBatchesHoldItsOwnAcceptedLinesOnly() throws Exception {
        PipelineSettings settings = JobConfig.fromArgs(new String[] {"--region", "eu-west-1"}, Map.of())
                .pipeline();
        OneInputStreamOperatorTestHarness<RawPayload, FlowBatch> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new PayloadToFlowBatches(settings));

        // more lines than are kept for reuse, one in a thousand refused (too few fields) among them
        List<String> big = new ArrayList<>();
        long bigBytes = 0;
        int bigAccepted = 0;
        int lines = PayloadToFlowBatches.MAX_REUSED_RECORDS + 10;
        for (int i = 0; i < lines; i++) {
            if (i % 1000 == 500) {
                big.add("2 123456789010 eni-aaaa");
                continue;
            }
            big.add("2 123456789010 eni-aaaa 10.0.0.1 10.0.0." + (2 + i % 3) + " 40000 443 6 1 " + (i + 1) + " " + T
                    + " " + (T + 10) + " ACCEPT OK");
            bigBytes += i + 1;
            bigAccepted++;
        }
        // then a payload of another interface, whose address is the destination
        List<String> small = List.of(
                "2 123456789010 eni-bbbb 10.9.9.9 10.0.0.7 40000 443 17 1 7 " + T + " " + (T + 5) + " REJECT OK",
                "2 123456789010 eni-bbbb 10.9.9.8 10.0.0.7 40000 443 17 1 8 " + T + " " + (T + 5) + " REJECT OK",
                "2 123456789010 eni-bbbb 10.9.9.9 10.0.0.7 40000 443 17 1 9 " + T + " " + (T + 5) + " REJECT OK");
        harness.processElement(new StreamRecord<>(payload(big)));
        harness.processElement(new StreamRecord<>(payload(small)));

        List<FlowBatch> batches = harness.extractOutputValues();
        assertThat(batches).hasSize(2);
        FlowBatch a = batches.get(0), b = batches.get(1);
        assertThat(List.of(a.interfaceId, a.action, a.records, a.start))
                .containsExactly("eni-aaaa", "ACCEPT", bigAccepted, T);
        assertThat(bigAccepted).isEqualTo(lines - 10);
        assertGroup(a, "tcp", "10.0.0.1", "outbound", bigAccepted, bigBytes);
        assertThat(List.of(b.interfaceId, b.action, b.records)).containsExactly("eni-bbbb", "REJECT", 3);
        assertGroup(b, "udp", "10.0.0.7", "inbound", 3, 7 + 8 + 9);

        long refused = harness.getSideOutput(PayloadToFlowBatches.SKIPPED).stream()
                .map(StreamRecord::getValue)
                .mapToLong((SkipCount s) -> s.count)
                .sum();
        assertThat(refused).isEqualTo(10);
    }

    private static RawPayload payload(List<String> lines) {
        return new RawPayload(RawPayload.Encoding.GZIP_JSON, TestPayloads.payloadBytes("123456789010", lines), "test");
    }

    /** The batch's one group: protocol, ip and direction as given, the account and region, its records and bytes. */
    private static void assertGroup(
            FlowBatch batch, String protocol, String ip, String direction, long records, long bytes) {
        assertThat(batch.stats().dimensions()).containsExactly("protocol", "ip", "direction", "aws_account", "region");
        assertThat(batch.stats().groups()).hasSize(1);
        Map.Entry<SeriesGroup, GroupStats> only =
                batch.stats().groups().entrySet().iterator().next();
        SeriesGroup g = only.getKey();
        assertThat(List.of(g.value(0), g.value(1), g.value(2), g.value(3), g.value(4)))
                .containsExactly(protocol, ip, direction, "123456789010", "eu-west-1");
        assertThat(only.getValue().records()).isEqualTo(records);
        assertThat(only.getValue().bytes().count()).isEqualTo(records);
        assertThat(only.getValue().bytes().sum()).isEqualTo(bytes);
    }
}
