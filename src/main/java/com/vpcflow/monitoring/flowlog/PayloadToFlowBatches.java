package com.vpcflow.monitoring.flowlog;

import com.vpcflow.monitoring.LogSampler;
import com.vpcflow.monitoring.ProgressCounter;
import com.vpcflow.monitoring.ProgressCounter.Kind;
import com.vpcflow.monitoring.metrics.Diagnostic;
import com.vpcflow.monitoring.metrics.MetricNames;
import com.vpcflow.monitoring.payload.BadPayloadException;
import com.vpcflow.monitoring.payload.LogEvent;
import com.vpcflow.monitoring.payload.PayloadDecoder;
import com.vpcflow.monitoring.payload.SubscriptionPayload;
import com.vpcflow.monitoring.source.RawPayload;
import com.vpcflow.monitoring.window.FlowBatch;
import com.vpcflow.monitoring.window.PayloadBatches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * and unsupported lines never fail the job: each is counted (a Flink counter per reason), logged with sampling,
 * and sent to the {@link #DIAGNOSTICS} side output to become a Datadog count.
 */
public final class PayloadToFlowBatches extends ProcessFunction<RawPayload, FlowBatch> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PayloadToFlowBatches.class);
    public static final OutputTag<Diagnostic> DIAGNOSTICS = new OutputTag<>("diagnostics") {};
    /** The reason tag of input that hit a bug here rather than a known defect of its own. */
    static final String INTERNAL_ERROR = "internal_error";

    private final FlowLogFormat format;
    private final long maxPayloadBytes;
    private final String defaultRegion;
    private final long windowSizeSeconds;

    private transient PayloadDecoder decoder;
    private transient FlowRecordParser parser;
    private transient String headerLine;
    private transient LogSampler sampler;
    private transient Counter payloads, logEvents, records, controlMessages;
    private transient Map<String, Counter> badPayloads, unsupportedLines;
    private transient MetricGroup metrics;

    public PayloadToFlowBatches(FlowLogFormat format, long maxPayloadBytes, String defaultRegion, long windowSizeSeconds) {
        this.format = format;
        this.maxPayloadBytes = maxPayloadBytes;
        this.defaultRegion = defaultRegion;
        this.windowSizeSeconds = windowSizeSeconds;
    }

    @Override
    public void open(Configuration parameters) {
        decoder = new PayloadDecoder(maxPayloadBytes);
        parser = new FlowRecordParser(format);
        headerLine = format.headerLine();
        sampler = new LogSampler(10_000);
        metrics = getRuntimeContext().getMetricGroup();
        payloads = metrics.counter("payloadsRead", new ProgressCounter(Kind.PAYLOADS));
        logEvents = metrics.counter("logEventsRead", new ProgressCounter(Kind.LOG_EVENTS));
        records = metrics.counter("recordsParsed", new ProgressCounter(Kind.RECORDS));
        controlMessages = metrics.counter("controlMessages", new ProgressCounter(Kind.CONTROL_MESSAGES));
        badPayloads = new HashMap<>();
        unsupportedLines = new HashMap<>();
    }

    @Override
    public void processElement(RawPayload raw, Context ctx, Collector<FlowBatch> out) {
        payloads.inc();
        SubscriptionPayload payload;
        try {
            payload = decoder.decode(raw);
        } catch (BadPayloadException e) {
            skipPayload(raw, e.reason().tag(), e.getMessage(), ctx);
            return;
        } catch (RuntimeException e) {
            // A decoder bug must not turn one record into a restart loop: skip it, loudly.
            LOG.error("Unexpected failure decoding the payload from {}; skipped", raw.origin, e);
            skipPayload(raw, INTERNAL_ERROR, e.toString(), ctx);
            return;
        }
        if (payload.isControlMessage()) {
            controlMessages.inc();
            return;
        }
        List<LogEvent> events = payload.logEvents();
        List<FlowRecord> parsed = new ArrayList<>(events.size());
        String account = payload.owner();
        for (LogEvent event : events) {
            logEvents.inc();
            String line = event.message();
            if (raw.encoding == RawPayload.Encoding.TEXT_LINES && line.trim().equals(headerLine)) {
                continue; // S3 text files start with the field names
            }
            try {
                FlowRecord r = parser.parse(line);
                if (r.accountId == null) r.accountId = account == null ? "unknown" : account;
                if (r.region == null) r.region = defaultRegion;
                parsed.add(r);
            } catch (UnsupportedLineException e) {
                skipLine(raw, event, e.reason().tag(), e.getMessage(), ctx);
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure parsing event {} of {}; skipped", event.id(), raw.origin, e);
                skipLine(raw, event, INTERNAL_ERROR, e.toString(), ctx);
            }
        }
        EniAddress.resolve(parsed);
        records.inc(parsed.size());
        for (FlowBatch batch : PayloadBatches.of(parsed, windowSizeSeconds)) {
            out.collect(batch);
        }
    }

    private void skipPayload(RawPayload raw, String reason, String detail, Context ctx) {
        counter(badPayloads, "badPayloads", reason, Kind.BAD_PAYLOADS).inc();
        long suppressed = sampler.admit("payload:" + reason, System.currentTimeMillis());
        if (suppressed >= 0) {
            LOG.warn("Skipped a bad payload from {}: {} ({} more like it not logged)", raw.origin, detail, suppressed);
        }
        ctx.output(DIAGNOSTICS, new Diagnostic(MetricNames.UNSUPPORTED_MESSAGE, reason));
    }

    private void skipLine(RawPayload raw, LogEvent event, String reason, String detail, Context ctx) {
        counter(unsupportedLines, "unsupportedLines", reason, Kind.UNSUPPORTED_LINES).inc();
        long suppressed = sampler.admit("line:" + reason, System.currentTimeMillis());
        if (suppressed >= 0) {
            String line = event.message();
            LOG.warn("Skipped an unsupported flow-log line (event {} of {}): {}: '{}' ({} more like it not logged)",
                    event.id(), raw.origin, detail, line.length() > 200 ? line.substring(0, 200) + "…" : line, suppressed);
        }
        ctx.output(DIAGNOSTICS, new Diagnostic(MetricNames.UNSUPPORTED_MESSAGE, reason));
    }

    private Counter counter(Map<String, Counter> byReason, String name, String reason, Kind kind) {
        return byReason.computeIfAbsent(reason, r -> metrics.addGroup("reason", r).counter(name, new ProgressCounter(kind)));
    }
}
