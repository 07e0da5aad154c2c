package com.vpcflow.monitoring.datadog;

import com.vpcflow.monitoring.metrics.MetricSeries;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Encodes each {@link MetricSeries} into its v2 JSON object as it enters the sink. */
public final class SeriesEntryConverter implements ElementConverter<MetricSeries, SeriesEntry> {
    private static final long serialVersionUID = 1L;

    private transient SeriesRequestEncoder encoder;

    @Override
    public SeriesEntry apply(MetricSeries series, SinkWriter.Context context) {
        if (encoder == null) encoder = new SeriesRequestEncoder();
        return new SeriesEntry(encoder.encodeSeries(series));
    }
}
