package com.vpcflow.monitoring.pipeline;

import com.vpcflow.monitoring.flowlog.EniAddress;
import com.vpcflow.monitoring.flowlog.FlowRecord;
import com.vpcflow.monitoring.flowlog.FlowRecordParser;
import com.vpcflow.monitoring.flowlog.TimeRange;
import com.vpcflow.monitoring.flowlog.UnsupportedLineException;
import com.vpcflow.monitoring.metrics.SkipCount;
import com.vpcflow.monitoring.metrics.SkipReason;
import com.vpcflow.monitoring.observability.ProgressCounter;
import com.vpcflow.monitoring.observability.ProgressCounter.Kind;
import com.vpcflow.monitoring.observability.SkipReporter;
import com.vpcflow.monitoring.observability.SkipReporter.Input;
import com.vpcflow.monitoring.payload.BadPayloadException;
import com.vpcflow.monitoring.payload.DecodedPayload;
import com.vpcflow.monitoring.payload.LogEvents;
import com.vpcflow.monitoring.payload.PayloadDecoder;
import com.vpcflow.monitoring.payload.RawPayload;
import com.vpcflow.monitoring.stats.Grouping;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each payload and flatMaps it into flow records, deciding each ENI's address over the payload, then folds
 * them into one {@link FlowBatch} per (ENI, action, window) so window state is touched once per batch. Bad payloads
 * and unsupported lines never fail the job: each goes through the {@link SkipReporter} and to the {@link #SKIPPED}
 * side output to become a Datadog count.
 */
public final class PayloadToFlowBatches extends ProcessFunction<RawPayload, FlowBatch> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PayloadToFlowBatches.class);
    public static final OutputTag<SkipCount> SKIPPED = new OutputTag<>("skipped") {};

    private final PipelineSettings settings;

    private transient PayloadDecoder decoder;
    private transient FlowRecordParser parser;
    private transient EniAddress addresses;
    private transient Grouping grouping;
    private transient String headerLine;
    private transient SkipReporter skips;
    private transient Counter payloads, logEvents, records, controlMessages, outsideRange;
    /** The payload's records, and the records parsed into: reused from payload to payload. */
    private transient List<FlowRecord> parsed, reused;

    /**
     * Records kept for reuse: a 1,000-event payload needs a thousand. A larger payload's records past this are made
     * for it alone, so what stays is at most this many records (about 100 bytes each) and the last payload's strings
     * they point to.
     */
    static final int MAX_REUSED_RECORDS = 10_000;

    public PayloadToFlowBatches(PipelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(Configuration parameters) {
        decoder = new PayloadDecoder(settings.maxPayloadBytes());
        parser =
                new FlowRecordParser(settings.logFormat(), settings.dimensions().keptFields());
        addresses = new EniAddress();
        grouping = settings.grouping();
        headerLine = settings.logFormat().headerLine();
        parsed = new ArrayList<>();
        reused = new ArrayList<>();
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        skips = new SkipReporter(metrics, LOG);
        payloads = metrics.counter("payloadsRead", new ProgressCounter(Kind.PAYLOADS));
        logEvents = metrics.counter("logEventsRead", new ProgressCounter(Kind.LOG_EVENTS));
        records = metrics.counter("recordsParsed", new ProgressCounter(Kind.RECORDS));
        controlMessages = metrics.counter("controlMessages", new ProgressCounter(Kind.CONTROL_MESSAGES));
        // records before --from or from --to on: not asked for, so not skipped input either
        outsideRange = metrics.counter("recordsOutsideRange");
    }

    @Override
    public void processElement(RawPayload raw, Context ctx, Collector<FlowBatch> out) {
        payloads.inc();
        DecodedPayload payload;
        try {
            payload = decoder.decodeReusing(raw);
        } catch (BadPayloadException e) {
            ctx.output(
                    SKIPPED,
                    skips.skip(Input.PAYLOAD, e.reason(), 1, () -> "from " + raw.origin + ": " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // A decoder bug must not turn one record into a restart loop: skip it, loudly.
            ctx.output(
                    SKIPPED,
                    skips.skip(
                            Input.PAYLOAD,
                            SkipReason.INTERNAL_ERROR,
                            1,
                            () -> "from " + raw.origin + ": unexpected failure decoding it",
                            e));
            return;
        }
        if (payload.isControlMessage()) {
            controlMessages.inc();
            return;
        }
        LogEvents events = payload.events();
        int count = events.size();
        if (raw.header != null && !raw.header.equals(headerLine)) {
            logEvents.inc(count);
            ctx.output(
                    SKIPPED,
                    skips.skip(
                            Input.LINE,
                            SkipReason.FORMAT_MISMATCH,
                            count,
                            () -> count + " lines from " + raw.origin + ": its file's header names '" + raw.header
                                    + "', the job's format is '" + headerLine + "'"));
            return;
        }
        parsed.clear();
        String account = raw.account != null ? raw.account : payload.owner();
        String region = raw.region != null ? raw.region : settings.region();
        TimeRange range = settings.range();
        long latestStart =
                System.currentTimeMillis() / 1000 + settings.maxFuture().toSeconds();
        logEvents.inc(count);
        for (int i = 0; i < count; i++) {
            int event = i;
            try {
                // a line skipped leaves its record to the next line
                FlowRecord r = parser.parse(
                        events.messageBuffer(i), events.messageStart(i), events.messageEnd(i), record(parsed.size()));
                if (r.accountId == null) r.accountId = account == null ? "unknown" : account;
                if (r.region == null) r.region = region;
                if (!range.contains(r.start)) {
                    outsideRange.inc();
                    continue;
                }
                if (r.start > latestStart) {
                    ctx.output(
                            SKIPPED,
                            skips.skip(
                                    Input.LINE,
                                    SkipReason.FUTURE_TIMESTAMP,
                                    1,
                                    () -> describe(
                                            raw,
                                            events,
                                            event,
                                            "start " + r.start + " is more than --max-future ahead of now")));
                    continue;
                }
                parsed.add(r);
            } catch (UnsupportedLineException e) {
                ctx.output(
                        SKIPPED,
                        skips.skip(Input.LINE, e.reason(), 1, () -> describe(raw, events, event, e.getMessage())));
            } catch (RuntimeException e) {
                ctx.output(
                        SKIPPED,
                        skips.skip(
                                Input.LINE,
                                SkipReason.INTERNAL_ERROR,
                                1,
                                () -> describe(raw, events, event, "unexpected failure parsing it"),
                                e));
            }
        }
        addresses.decide(parsed);
        records.inc(parsed.size());
        for (FlowBatch batch : PayloadBatches.of(parsed, settings.windowSizeSeconds(), grouping)) {
            out.collect(batch);
        }
    }

    /** The record to parse the payload's {@code n}-th accepted line into. */
    private FlowRecord record(int n) {
        if (n < reused.size()) return reused.get(n);
        FlowRecord r = new FlowRecord();
        if (n < MAX_REUSED_RECORDS) reused.add(r);
        return r;
    }

    private static String describe(RawPayload raw, LogEvents events, int event, String detail) {
        return "(event " + events.id(event) + " of " + raw.origin + "): " + detail + ": '"
                + SkipReporter.abbreviate(events.message(event), 200) + "'";
    }
}
