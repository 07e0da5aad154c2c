package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.payload.PayloadDecoder;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowLogGeneratorTest {

    @Test
    void isAPureFunctionOfSeedAndIndex() {
        FlowLogGenerator a = new FlowLogGenerator(7, 1_700_000_000L, 60);
        FlowLogGenerator b = new FlowLogGenerator(7, 1_700_000_000L, 60);
        for (long i = 0; i < 50; i++) assertThat(a.payload(i)).isEqualTo(b.payload(i));
        assertThat(new FlowLogGenerator(8, 1_700_000_000L, 60).payload(3)).isNotEqualTo(a.payload(3));
    }

    @Test
    void producesRealisticParseableTrafficWithinTheDisorderBound() throws Exception {
        FlowLogGenerator gen = new FlowLogGenerator(42, 1_700_000_000L, 60);
        FlowRecordParser parser = new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));
        PayloadDecoder decoder = new PayloadDecoder(1 << 20);
        Set<String> enis = new HashSet<>(),
                accounts = new HashSet<>(),
                statuses = new HashSet<>(),
                actions = new HashSet<>();
        boolean ipv6 = false;
        for (long i = 0; i < 500; i++) {
            SubscriptionPayload p = decoder.decode(gen.map(i));
            for (LogEvent e : p.logEvents()) {
                FlowRecord r = parser.parse(e.message());
                enis.add(r.interfaceId);
                accounts.add(r.accountId);
                statuses.add(r.logStatus);
                actions.add(r.action);
                ipv6 |= r.srcAddr != null && r.srcAddr.contains(":");
                assertThat(r.start).isBetween(1_700_000_000L + i - 60, 1_700_000_000L + i);
                assertThat(r.interfaceId + "-all").isEqualTo(p.logStream());
            }
        }
        assertThat(enis).hasSizeGreaterThan(30);
        assertThat(accounts).hasSize(3);
        assertThat(statuses).containsExactlyInAnyOrder("OK", "NODATA", "SKIPDATA");
        assertThat(actions).containsExactlyInAnyOrder("ACCEPT", "REJECT", "-");
        assertThat(ipv6).isTrue();
    }
}
