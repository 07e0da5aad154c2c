package com.vpcflow.monitoring.source;

import com.vpcflow.monitoring.flowlog.TimeRange;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.Path;

/**
 * Which files and folders of an input a run reads, for the file source's enumerator: not hidden ones ({@code .x},
 * {@code _x}: Flink's own rule), and, for a time range, only flow-log objects whose key time can hold records of the
 * range and only day folders ({@code yyyy/mm/dd}, also Hive-style {@code year=yyyy/month=mm/day=dd}) that can hold
 * such objects. Files with other names are read and their records selected by {@code start} alone.
 */
public final class FlowLogObjectFilter implements Predicate<Path>, Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * How long before its object's key time a record may have started: the object closes a 5-minute delivery
     * interval, a record closes an aggregation interval of up to 10 minutes, and delivery runs late at times. Objects
     * up to this long after the range's end are read; their records outside the range are dropped by {@code start}.
     */
    public static final Duration DELIVERY_SLACK = Duration.ofHours(1);

    private static final Pattern DAY_FOLDER =
            Pattern.compile(".*/(?:year=)?(\\d{4})/(?:month=)?(\\d{2})/(?:day=)?(\\d{2})/?");

    private final TimeRange range;

    public FlowLogObjectFilter(TimeRange range) {
        this.range = range;
    }

    @Override
    public boolean test(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) return false;
        if (range.isAll()) return true;
        long slack = DELIVERY_SLACK.toSeconds();
        var object = FlowLogObjectName.parse(name);
        if (object.isPresent()) {
            long time = object.get().time().getEpochSecond();
            return range.overlaps(time - slack, time + 1);
        }
        Matcher day = DAY_FOLDER.matcher(path.toUri().getPath());
        if (day.matches()) {
            try {
                long start = LocalDate.of(
                                Integer.parseInt(day.group(1)),
                                Integer.parseInt(day.group(2)),
                                Integer.parseInt(day.group(3)))
                        .atStartOfDay(ZoneOffset.UTC)
                        .toEpochSecond();
                return range.overlaps(start - slack, start + Duration.ofDays(1).toSeconds());
            } catch (java.time.DateTimeException e) {
                return true; // digits that are no date: not a day folder
            }
        }
        return true;
    }
}
