package com.vpcflow.monitoring.testing;

import com.vpcflow.monitoring.payload.RawPayload;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;

/**
 * A source whose subtasks each play a script: emit a payload, pause (so periodic watermarks are emitted in between),
 * or stay open until cancelled (a live but idle shard). Lets window tests control arrival order and idleness.
 */
@SuppressWarnings("deprecation")
public final class ScriptedPayloadSource extends RichParallelSourceFunction<RawPayload> {
    private static final long serialVersionUID = 1L;

    /** One subtask's script. */
    public static final class Script implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<Object> steps = new ArrayList<>();

        public Script emit(byte[] gzipPayload) {
            steps.add(gzipPayload);
            return this;
        }

        public Script pause(long millis) {
            steps.add(millis);
            return this;
        }

        public Script holdOpen() {
            steps.add("hold");
            return this;
        }
    }

    private final List<Script> scripts;
    private volatile boolean running = true;

    public ScriptedPayloadSource(List<Script> scripts) {
        this.scripts = scripts;
    }

    @Override
    public void run(SourceContext<RawPayload> ctx) throws Exception {
        int index = getRuntimeContext().getIndexOfThisSubtask();
        Script script = index < scripts.size() ? scripts.get(index) : new Script();
        int n = 0;
        for (Object step : script.steps) {
            if (!running) return;
            if (step instanceof byte[] data) {
                synchronized (ctx.getCheckpointLock()) {
                    ctx.collect(new RawPayload(RawPayload.Encoding.GZIP_JSON, data, "script " + index + ":" + n++));
                }
            } else if (step instanceof Long millis) {
                Thread.sleep(millis);
            } else {
                while (running) Thread.sleep(50);
            }
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
