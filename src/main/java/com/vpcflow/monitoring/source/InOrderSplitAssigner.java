package com.vpcflow.monitoring.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands splits out by path, then offset: the order their records were written in, which for payload files and
 * flow-log objects (named by time) is event-time order. Flink's own assigners hand out the last split first; with a
 * file cut into splits, a reader in streaming mode would then move back in event time from split to split and the
 * watermark it had set would make the earlier records late.
 */
final class InOrderSplitAssigner implements FileSplitAssigner {
    static final Provider PROVIDER = InOrderSplitAssigner::new;

    private static final Comparator<FileSourceSplit> ORDER =
            Comparator.comparing((FileSourceSplit s) -> s.path().toString()).thenComparingLong(FileSourceSplit::offset);

    private final PriorityQueue<FileSourceSplit> splits = new PriorityQueue<>(ORDER);

    InOrderSplitAssigner(Collection<FileSourceSplit> splits) {
        this.splits.addAll(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
