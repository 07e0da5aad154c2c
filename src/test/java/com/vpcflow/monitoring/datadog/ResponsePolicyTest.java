package com.vpcflow.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vpcflow.monitoring.datadog.ResponsePolicy.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The intake's answers and what becomes of the batch: the delivery contract as a table. */
class ResponsePolicyTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        // accepted
        "202, DONE",
        "200, DONE",
        // too large: split in halves
        "413, SPLIT",
        // passing failures: retried with backoff
        "-1, RETRY", // no answer: refused, dropped, timed out
        "408, RETRY",
        "429, RETRY",
        "500, RETRY",
        "502, RETRY",
        "503, RETRY",
        "504, RETRY",
        // the content is refused: retrying cannot help
        "400, DROP",
        // the key is refused: the job fails saying so
        "401, FAIL_KEY_REJECTED",
        "403, FAIL_KEY_REJECTED",
        // anything else is a configuration error (a wrong URL or proxy)
        "404, FAIL",
        "405, FAIL",
        "301, FAIL",
        "302, FAIL",
        "100, FAIL",
    })
    void classifiesEachAnswer(int status, Action expected) {
        assertThat(ResponsePolicy.classify(status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "key check HTTP {0} -> rejected={1}")
    @CsvSource({"200, false", "401, true", "403, true", "404, false", "500, false", "-1, false"})
    void theKeyCheckFailsOnlyOnARefusedKey(int status, boolean rejected) {
        assertThat(ResponsePolicy.keyRejected(status)).isEqualTo(rejected);
    }
}
