package com.vpcflow.monitoring.testing;

import com.vpcflow.monitoring.flowlog.FlowLogFormat;
import com.vpcflow.monitoring.stats.Dimensions;
import com.vpcflow.monitoring.stats.Grouping;

/** The grouping of today's default output: the default dimensions of the default format, no top peers. */
public final class TestGrouping {
    public static final Grouping DEFAULT =
            new Grouping(Dimensions.of(Dimensions.DEFAULT, FlowLogFormat.parse(FlowLogFormat.DEFAULT_TEXT)), 0);

    private TestGrouping() {}
}
