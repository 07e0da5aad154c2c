package com.vpcflow.monitoring.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSamplerTest {
    @Test
    void logsOncePerReasonPerIntervalAndReportsWhatItHeldBack() {
        LogSampler s = new LogSampler(1000);
        assertThat(s.admit("a", 0)).isEqualTo(0);
        assertThat(s.admit("a", 10)).isEqualTo(-1);
        assertThat(s.admit("a", 999)).isEqualTo(-1);
        assertThat(s.admit("b", 999)).isEqualTo(0);
        assertThat(s.admit("a", 1000)).isEqualTo(2);
        assertThat(s.admit("a", 1500)).isEqualTo(-1);
    }
}
