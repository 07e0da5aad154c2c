package com.vpcflow.monitoring.flowlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EniAddressTest {

    private static FlowRecord record(String eni, String src, String dst) {
        FlowRecord r = new FlowRecord();
        r.interfaceId = eni;
        r.srcAddr = src;
        r.dstAddr = dst;
        return r;
    }

    @Test
    void theMostFrequentAddressIsTheEnisAndDecidesDirection() {
        List<FlowRecord> rs = List.of(
                record("eni-1", "10.0.0.5", "1.1.1.1"),
                record("eni-1", "2.2.2.2", "10.0.0.5"),
                record("eni-1", "3.3.3.3", "4.4.4.4"));
        EniAddress.resolve(rs);
        assertThat(rs).allSatisfy(r -> assertThat(r.ip).isEqualTo("10.0.0.5"));
        assertThat(rs.get(0).direction).isEqualTo("outbound");
        assertThat(rs.get(1).direction).isEqualTo("inbound");
        assertThat(rs.get(2).direction).isNull();
    }

    @Test
    void anAddressSeenOnceIsNotEnoughAndTiesGoToTheSmallestString() {
        List<FlowRecord> single = List.of(record("eni-1", "10.0.0.5", "1.1.1.1"));
        EniAddress.resolve(single);
        assertThat(single.get(0).ip).isEqualTo("unknown");
        assertThat(single.get(0).direction).isNull();

        List<FlowRecord> tie =
                List.of(record("eni-1", "10.0.0.9", "10.0.0.5"), record("eni-1", "10.0.0.5", "10.0.0.9"));
        EniAddress.resolve(tie);
        assertThat(tie.get(0).ip).isEqualTo("10.0.0.5");
        assertThat(tie.get(0).direction).isEqualTo("inbound");
    }

    @Test
    void eachEniOfAPayloadGetsItsOwnAddress() {
        List<FlowRecord> rs = new ArrayList<>(List.of(
                record("eni-a", "10.0.0.1", "9.9.9.9"),
                record("eni-a", "10.0.0.1", "8.8.8.8"),
                record("eni-b", "7.7.7.7", "10.0.0.2"),
                record("eni-b", "6.6.6.6", "10.0.0.2")));
        EniAddress.resolve(rs);
        assertThat(rs.get(0).ip).isEqualTo("10.0.0.1");
        assertThat(rs.get(2).ip).isEqualTo("10.0.0.2");
        assertThat(rs.get(2).direction).isEqualTo("inbound");
    }

    @Test
    void flowDirectionWinsWhenTheFormatHasIt() {
        FlowRecord r = record("eni-1", "10.0.0.5", "1.1.1.1");
        r.flowDirection = "ingress";
        FlowRecord s = record("eni-1", "10.0.0.5", "1.1.1.1");
        s.flowDirection = "egress";
        EniAddress.resolve(List.of(r, s));
        assertThat(r.direction).isEqualTo("inbound");
        assertThat(s.direction).isEqualTo("outbound");
    }
}
