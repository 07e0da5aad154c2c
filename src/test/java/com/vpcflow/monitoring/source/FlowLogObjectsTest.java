package com.vpcflow.monitoring.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.flowlog.TimeRange;
import com.vpcflow.monitoring.payload.RawPayload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Object names, which objects and folders a time range reads, and a file's header. */
class FlowLogObjectsTest {
    static final String NAME = "123456789012_vpcflowlogs_eu-west-1_fl-0a1b2c3d4e5f67890_20240502T0005Z_9f86d081.log.gz";

    @Test
    void aDeliveredObjectsNameGivesAccountRegionFlowLogAndTime() {
        assertThat(FlowLogObjectName.parse(NAME))
                .contains(new FlowLogObjectName(
                        "123456789012", "eu-west-1", "fl-0a1b2c3d4e5f67890", Instant.parse("2024-05-02T00:05:00Z")));
        assertThat(FlowLogObjectName.parse(new Path("s3://b/AWSLogs/aws-account-id=123456789012/x/" + NAME).getName()))
                .map(FlowLogObjectName::region)
                .contains("eu-west-1");
        assertThat(FlowLogObjectName.parse("flows.txt")).isEmpty();
        assertThat(FlowLogObjectName.parse(NAME.replace("20240502T0005Z", "20241302T0005Z")))
                .as("month 13")
                .isEmpty();
        assertThat(FlowLogObjectName.parse(NAME.replace("vpcflowlogs", "elasticloadbalancing")))
                .isEmpty();
    }

    /** --from 2024-05-02T00:00Z --to 2024-05-03T00:00Z; objects up to an hour after --to may hold records of it. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // objects: their key time ends what they hold
        "AWSLogs/1/vpcflowlogs/r/2024/05/01/123456789012_vpcflowlogs_eu-west-1_fl-1_20240501T2355Z_a.log.gz, false",
        "AWSLogs/1/vpcflowlogs/r/2024/05/02/123456789012_vpcflowlogs_eu-west-1_fl-1_20240502T0000Z_a.log.gz, true",
        "AWSLogs/1/vpcflowlogs/r/2024/05/02/123456789012_vpcflowlogs_eu-west-1_fl-1_20240502T2355Z_a.log.gz, true",
        "AWSLogs/1/vpcflowlogs/r/2024/05/03/123456789012_vpcflowlogs_eu-west-1_fl-1_20240503T0059Z_a.log.gz, true",
        "AWSLogs/1/vpcflowlogs/r/2024/05/03/123456789012_vpcflowlogs_eu-west-1_fl-1_20240503T0100Z_a.log.gz, false",
        // day folders, plain and Hive-style
        "AWSLogs/1/vpcflowlogs/r/2024/05/01, false",
        "AWSLogs/1/vpcflowlogs/r/2024/05/02, true",
        "AWSLogs/1/vpcflowlogs/r/2024/05/03, true",
        "AWSLogs/1/vpcflowlogs/r/2024/05/04, false",
        "AWSLogs/aws-account-id=1/aws-service=vpcflowlogs/aws-region=r/year=2024/month=05/day=04, false",
        "AWSLogs/aws-account-id=1/aws-service=vpcflowlogs/aws-region=r/year=2024/month=05/day=02, true",
        // anything else: read, its records selected by start
        "AWSLogs/1/vpcflowlogs/r/2024/05, true",
        "AWSLogs/1/vpcflowlogs/r/2024/05/02/flows.txt, true",
        "AWSLogs/1/vpcflowlogs/r/2024/99/99, true",
        // hidden, as Flink's own filter has it
        "AWSLogs/1/vpcflowlogs/r/2024/05/02/_SUCCESS, false",
        "AWSLogs/1/vpcflowlogs/r/2024/05/02/.part, false",
    })
    void aTimeRangeReadsOnlyObjectsAndDayFoldersThatCanHoldItsRecords(String key, boolean read) {
        FlowLogObjectFilter filter = new FlowLogObjectFilter(
                TimeRange.of(Instant.parse("2024-05-02T00:00:00Z"), Instant.parse("2024-05-03T00:00:00Z")));
        assertThat(filter.test(new Path("s3://bucket/" + key))).isEqualTo(read);
    }

    @Test
    void withoutARangeEverythingButHiddenFilesIsRead() {
        FlowLogObjectFilter all = new FlowLogObjectFilter(TimeRange.ALL);
        assertThat(all.test(new Path("s3://b/AWSLogs/1/vpcflowlogs/r/2019/01/01/" + NAME)))
                .isTrue();
        assertThat(all.test(new Path("/data/2019/01/01"))).isTrue();
        assertThat(all.test(new Path("/data/.hidden"))).isFalse();
    }

    @Test
    void aFirstLineThatNamesFieldsIsAHeader() {
        assertThat(FlowLogLinesFormat.headerOf(
                        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start"
                                + " end action log-status"))
                .contains("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes"
                        + " start end action log-status");
        assertThat(FlowLogLinesFormat.headerOf("interface-id start vpc-id bytes"))
                .contains("interface-id start vpc-id bytes");
        assertThat(FlowLogLinesFormat.headerOf(
                        "2 123456789010 eni-abc123de 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010"
                                + " 1418530070 ACCEPT OK"))
                .isEmpty();
        assertThat(FlowLogLinesFormat.headerOf("eni-abc 1418530010 vpc-1 4249")).isEmpty();
        assertThat(FlowLogLinesFormat.headerOf("")).isEmpty();
    }

    /** The header leaves the records and travels on every payload, with the account and region of the key. */
    @Test
    void aFilesHeaderAndKeyTravelOnEachOfItsPayloads() throws IOException {
        String header = "version interface-id start action";
        String text = header + "\n2 eni-a 100 ACCEPT\n2 eni-b 101 REJECT\n2 eni-c 102 ACCEPT\n" + header
                + "\n2 eni-d 103 ACCEPT\n";
        List<RawPayload> payloads =
                read(new FlowLogLinesFormat(2, FlowLogObjectName.parse(NAME).orElseThrow()), text);
        assertThat(payloads)
                .extracting(p -> new String(p.data, StandardCharsets.UTF_8))
                .containsExactly(
                        "2 eni-a 100 ACCEPT\n2 eni-b 101 REJECT\n",
                        "2 eni-c 102 ACCEPT\n2 eni-d 103 ACCEPT\n"); // a repeated header (concatenated files) dropped
        assertThat(payloads).allSatisfy(p -> {
            assertThat(p.header).isEqualTo(header);
            assertThat(p.account).isEqualTo("123456789012");
            assertThat(p.region).isEqualTo("eu-west-1");
        });
        List<RawPayload> plain = read(new FlowLogLinesFormat(10), "2 eni-a 100 ACCEPT\n");
        assertThat(plain).singleElement().satisfies(p -> {
            assertThat(new String(p.data, StandardCharsets.UTF_8)).isEqualTo("2 eni-a 100 ACCEPT\n");
            assertThat(p.header).isNull();
            assertThat(p.account).isNull();
        });
    }

    private static List<RawPayload> read(FlowLogLinesFormat format, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StreamFormat.Reader<RawPayload> reader = format.createReader(new Configuration(), new ByteArrayStream(bytes));
        List<RawPayload> out = new ArrayList<>();
        for (RawPayload p; (p = reader.read()) != null; ) out.add(p);
        reader.close();
        return out;
    }

    private static final class ByteArrayStream extends FSDataInputStream {
        private final ByteArrayInputStream in;
        private long pos;

        ByteArrayStream(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public void seek(long desired) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) pos++;
            return b;
        }
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThat(Optional.of(TimeRange.ALL).map(TimeRange::isAll)).contains(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TimeRange(5, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
