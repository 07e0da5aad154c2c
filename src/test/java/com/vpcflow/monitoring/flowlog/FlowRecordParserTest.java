package com.vpcflow.monitoring.flowlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vpcflow.monitoring.metrics.SkipReason;
import org.junit.jupiter.api.Test;

class FlowRecordParserTest {
    private final FlowRecordParser defaultParser =
            new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));

    @Test
    void parsesTheDocumentedDefaultFormatExample() throws Exception {
        FlowRecord r = defaultParser.parse(
                "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK");
        assertThat(r.accountId).isEqualTo("123456789010");
        assertThat(r.interfaceId).isEqualTo("eni-1235b8ca123456789");
        assertThat(r.srcAddr).isEqualTo("172.31.16.139");
        assertThat(r.dstAddr).isEqualTo("172.31.16.21");
        assertThat(r.protocol).isEqualTo(6);
        assertThat(r.packets).isEqualTo(20);
        assertThat(r.bytes).isEqualTo(4249);
        assertThat(r.start).isEqualTo(1418530010);
        assertThat(r.end).isEqualTo(1418530070);
        assertThat(r.duration()).isEqualTo(60);
        assertThat(r.action).isEqualTo("ACCEPT");
        assertThat(r.logStatus).isEqualTo("OK");
        assertThat(r.carriesTraffic()).isTrue();
    }

    /**
     * A line is read as itself whatever the line before: the parser matches a line's start (version, account,
     * interface) against the previous line's bytes, which must not read an interface that only begins with the
     * previous one as that one.
     */
    @Test
    void aLineWhoseStartOnlyBeginsLikeThePreviousLinesIsReadOnItsOwn() throws Exception {
        String rest = " 10.0.0.1 10.0.0.2 443 49152 6 10 840 1418530010 1418530070 ACCEPT OK";
        FlowRecordParser parser = new FlowRecordParser(FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT));
        assertThat(parser.parse("2 123456789010 eni-ab1" + rest).interfaceId).isEqualTo("eni-ab1");
        FlowRecord again = parser.parse("2 123456789010 eni-ab1" + rest);
        assertThat(again.accountId).isEqualTo("123456789010");
        assertThat(again.interfaceId).isEqualTo("eni-ab1");
        assertThat(again.srcAddr).isEqualTo("10.0.0.1");
        FlowRecord longer = parser.parse("2 123456789010 eni-ab123" + rest);
        assertThat(longer.interfaceId).isEqualTo("eni-ab123");
        assertThat(longer.srcAddr).isEqualTo("10.0.0.1");
        parser.parse("2 123456789010 eni-ab1" + rest);
        // 13 fields, so the end would be ACCEPT; read as the previous line's "eni-ab1", then "3" and so on, 14 that fit
        assertThatThrownBy(() -> parser.parse("2 123456789010 eni-ab123" + rest.substring(" 10.0.0.1".length())))
                .isInstanceOfSatisfying(UnsupportedLineException.class, e -> assertThat(e.reason())
                        .isEqualTo(SkipReason.BAD_NUMBER));
        parser.parse("2 123456789010 eni-ab1" + rest);
        FlowRecord spaced = parser.parse("2 123456789010 eni-ab1  10.0.0.9" + rest.substring(" 10.0.0.1".length()));
        assertThat(spaced.interfaceId).isEqualTo("eni-ab1");
        assertThat(spaced.srcAddr).isEqualTo("10.0.0.9");
        FlowRecord otherAccount = parser.parse("2 1234567890101 eni-ab1" + rest);
        assertThat(otherAccount.accountId).isEqualTo("1234567890101");
        assertThat(parser.parse("2 123456789010 eni-ab1" + rest).accountId).isEqualTo("123456789010");
    }

    @Test
    void noDataAndSkipDataRecordsKeepTheirTimesAndCarryNoTraffic() throws Exception {
        FlowRecord nodata = defaultParser.parse(
                "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA");
        assertThat(nodata.srcAddr).isNull();
        assertThat(nodata.protocol).isEqualTo(-1);
        assertThat(nodata.packets).isEqualTo(-1);
        assertThat(nodata.bytes).isEqualTo(-1);
        assertThat(nodata.action).isEqualTo("-");
        assertThat(nodata.logStatus).isEqualTo("NODATA");
        assertThat(nodata.start).isEqualTo(1431280876);
        assertThat(nodata.carriesTraffic()).isFalse();
        FlowRecord skip = defaultParser.parse(
                "2 123456789010 eni-11111111111111111 - - - - - - - 1431280876 1431280934 - SKIPDATA");
        assertThat(skip.logStatus).isEqualTo("SKIPDATA");
        assertThat(skip.carriesTraffic()).isFalse();
    }

    @Test
    void parsesIpv6Addresses() throws Exception {
        FlowRecord r = defaultParser.parse(
                "2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK");
        assertThat(r.srcAddr).isEqualTo("2001:db8:1234:a100:8d6e:3477:df66:f105");
        assertThat(r.dstAddr).isEqualTo("2001:db8:1234:a102:3304:8879:34cf:4071");
    }

    @Test
    void customFormatsWithFieldsOfVersions3To8() throws Exception {
        FlowLogFormat format =
                FlowLogFormat.parse("${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} "
                        + "${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} "
                        + "${packets} ${start} ${end} ${action} ${tcp-flags} ${log-status} ${region} ${az-id} ${sublocation-type} "
                        + "${sublocation-id} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${flow-direction} ${traffic-path} "
                        + "${ecs-cluster-arn} ${ecs-cluster-name} ${ecs-container-instance-arn} ${ecs-container-instance-id} "
                        + "${ecs-container-id} ${ecs-second-container-id} ${ecs-service-name} ${ecs-task-definition-arn} "
                        + "${ecs-task-arn} ${ecs-task-id} ${reject-reason}");
        FlowRecord r = new FlowRecordParser(format)
                .parse("8 vpc-0a1b2c3d subnet-aaaa1111 i-0123456789abcdef0 eni-0f0f0f0f0f0f0f0f0 123456789010 "
                        + "IPv4 10.0.1.5 52.95.128.10 49152 443 10.0.1.5 52.95.128.10 6 5120 12 1700000000 1700000060 REJECT 19 OK "
                        + "us-east-2 use2-az1 - - - S3 egress 8 "
                        + "arn:aws:ecs:us-east-2:123456789010:cluster/web web arn:aws:ecs:us-east-2:123456789010:container-instance/web/abc abc "
                        + "0123abcd - web-svc arn:aws:ecs:us-east-2:123456789010:task-definition/web:3 "
                        + "arn:aws:ecs:us-east-2:123456789010:task/web/def def BPA");
        assertThat(r.interfaceId).isEqualTo("eni-0f0f0f0f0f0f0f0f0");
        assertThat(r.region).isEqualTo("us-east-2");
        assertThat(r.flowDirection).isEqualTo("egress");
        assertThat(r.bytes).isEqualTo(5120);
        assertThat(r.packets).isEqualTo(12);
        assertThat(r.action).isEqualTo("REJECT");
        assertThat(format.field(39)).isEqualTo(FlowLogField.REJECT_REASON);
    }

    @Test
    void unknownNewerFieldNamesAreKeptAsTextNotRejected() throws Exception {
        FlowLogFormat format = FlowLogFormat.parse("${interface-id} ${start} ${some-field-from-v12} ${action}");
        assertThat(format.field(2)).isEqualTo(FlowLogField.UNKNOWN);
        assertThat(format.name(2)).isEqualTo("some-field-from-v12");
        FlowRecord r = new FlowRecordParser(format).parse("eni-1 1700000000 anything:goes ACCEPT");
        assertThat(r.interfaceId).isEqualTo("eni-1");
        assertThat(r.action).isEqualTo("ACCEPT");
        assertThat(r.end).isEqualTo(-1);
        assertThat(r.duration()).isEqualTo(-1);
    }

    @Test
    void linesThatDoNotFitAreRefusedWithAReason() {
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT",
                SkipReason.FIELD_COUNT);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK extra",
                SkipReason.FIELD_COUNT);
        assertReason("", SkipReason.FIELD_COUNT);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 ssh 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                SkipReason.BAD_NUMBER);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 70000 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                SkipReason.BAD_NUMBER);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 -20 4249 1418530010 1418530070 ACCEPT OK",
                SkipReason.BAD_NUMBER);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 9223372036854775808 4249 1418530010 1418530070 ACCEPT OK",
                SkipReason.BAD_NUMBER);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 99999999999999999999999 1418530010 1418530070 ACCEPT OK",
                SkipReason.BAD_NUMBER);
        assertReason(
                "2 123456789010 - 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                SkipReason.MISSING_FIELD);
        assertReason(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 4249 - 1418530070 ACCEPT OK",
                SkipReason.MISSING_FIELD);
    }

    /** A number field's text, and the value it parses to (-1: refused as bad_number). */
    @org.junit.jupiter.params.ParameterizedTest(name = "packets {0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "0, 0",
        "007, 7",
        "999999999999999999, 999999999999999999",
        "1000000000000000000, 1000000000000000000",
        "9223372036854775807, 9223372036854775807",
        "9223372036854775808, -1",
        "19223372036854775807, -1",
        "+5, -1",
        "1.5, -1",
        "0x10, -1",
        "1e3, -1",
        "'\uff11\uff12', -1",
        "'\u0661', -1",
        "'5/', -1",
        "':', -1"
    })
    void numbersAreDecimalDigitsWithinTheFieldsRange(String text, long value) throws Exception {
        String line = "2 1 eni-1 a b 1 2 6 " + text + " 1 1418530010 1418530070 ACCEPT OK";
        if (value < 0) {
            assertReason(line, SkipReason.BAD_NUMBER);
        } else {
            assertThat(defaultParser.parse(line).packets).isEqualTo(value);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "ports {0} {1}, protocol {2} -> {3}")
    @org.junit.jupiter.params.provider.CsvSource({
        "65535, 0, 255, true",
        "65536, 0, 255, false",
        "0, 99999, 6, false",
        "1, 2, 256, false",
        "-, -, -, true"
    })
    void smallFieldsHaveTheirOwnRange(String srcPort, String dstPort, String protocol, boolean accepted)
            throws Exception {
        String line =
                "2 1 eni-1 a b " + srcPort + " " + dstPort + " " + protocol + " 1 1 1418530010 1418530070 ACCEPT OK";
        if (accepted) {
            assertThat(defaultParser.parse(line).protocol)
                    .isEqualTo("-".equals(protocol) ? -1 : Integer.parseInt(protocol));
        } else {
            assertReason(line, SkipReason.BAD_NUMBER);
        }
    }

    @Test
    void int64MaxIsStillANumber() throws Exception {
        FlowRecord r = defaultParser.parse("2 1 eni-1 a b 1 2 6 9223372036854775807 1 1418530010 1418530070 ACCEPT OK");
        assertThat(r.packets).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void formatsWithoutInterfaceOrStartAreRefused() {
        assertThatThrownBy(() -> FlowLogFormat.parse("${version} ${start}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${interface-id}"); // config names --log-format
        assertThatThrownBy(() -> FlowLogFormat.parse("${interface-id} ${end}")).hasMessageContaining("${start}");
        assertThatThrownBy(() -> FlowLogFormat.parse("${interface-id} ${start} start"))
                .hasMessageContaining("got 'start'");
        assertThatThrownBy(() -> FlowLogFormat.parse("${interface-id} ${start} ${start}"))
                .hasMessageContaining("appears twice");
    }

    private void assertReason(String line, SkipReason reason) {
        assertThatThrownBy(() -> defaultParser.parse(line))
                .as(line)
                .isInstanceOfSatisfying(UnsupportedLineException.class, e -> assertThat(e.reason())
                        .isEqualTo(reason));
    }

    /** Any field can be kept as a dimension's text, also one the parser reads for itself (packets, start, srcaddr). */
    @Test
    void keptFieldsKeepTheirTextWhateverElseTheParserDoesWithThem() throws Exception {
        FlowRecordParser p = new FlowRecordParser(
                FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT),
                new String[] {"packets", "srcport", "srcaddr", "start", "log-status"});
        FlowRecord r = p.parse(
                "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK");
        assertThat(r.fields).containsExactly("20", "20641", "172.31.16.139", "1418530010", "OK");
        assertThat(r.packets).isEqualTo(20);
        assertThat(r.start).isEqualTo(1418530010L);
        FlowRecord dashes = p.parse("2 123456789010 eni-1 - - - - - - - 1418530010 1418530070 - NODATA");
        assertThat(dashes.fields).containsExactly(null, null, null, "1418530010", "NODATA");
    }

    @Test
    void withoutLogStatusOrActionInTheFormatTrafficIsToldByAddressesAndCounts() throws Exception {
        FlowRecordParser p = new FlowRecordParser(
                FlowLogFormat.parse("${interface-id} ${srcaddr} ${dstaddr} ${packets} ${start} ${end}"));
        FlowRecord traffic = p.parse("eni-1 10.0.0.1 10.0.0.2 5 1700000000 1700000010");
        assertThat(traffic.logStatus).isNull();
        assertThat(traffic.action).isEqualTo("-");
        assertThat(traffic.carriesTraffic()).isTrue();
        assertThat(p.parse("eni-1 - - - 1700000000 1700000060").carriesTraffic())
                .isFalse();
        // an end before the start gives no duration rather than a negative one
        assertThat(p.parse("eni-1 10.0.0.1 10.0.0.2 5 1700000010 1700000000").duration())
                .isEqualTo(-1);
    }

    @Test
    void theFormatMayBeGivenAsTheHeaderLineNamesItsFields() {
        FlowLogFormat plain = FlowLogFormat.parse("version account-id interface-id srcaddr dstaddr srcport dstport"
                + " protocol packets bytes start end action log-status");
        FlowLogFormat braced = FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT);
        assertThat(plain.headerLine()).isEqualTo(braced.headerLine());
        assertThat(plain.size()).isEqualTo(14);
        // Maven expands ${version} in -Djob.args to the project's version: the error says what happened
        assertThatThrownBy(() -> FlowLogFormat.parse("0.1.0-SNAPSHOT ${account-id} ${interface-id} ${start}"))
                .hasMessageContaining("got '0.1.0-SNAPSHOT'")
                .hasMessageContaining("give the names without ${ }");
        assertThatThrownBy(() -> FlowLogFormat.parse("${interface-id} start")).hasMessageContaining("every field as");
    }
}
