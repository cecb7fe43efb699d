package org.provincial.reporting.reference;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one time zone in which times are shown to people (feedback, workbooks, pages, CLI) and in which the schedules
 * of {@code jobs/} are read: {@code reporting.time-zone}, Asia/Shanghai unless configured otherwise (SPEC §2.1).
 */
@Component
public class DisplayZone {

    /** The zone used when none is configured. */
    public static final ZoneId DEFAULT = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    public DisplayZone(@Value("${reporting.time-zone:Asia/Shanghai}") String zone) {
        this.zone = ZoneId.of(zone.strip());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The moment in this zone, e.g. for JSON: {@code 2025-01-20T01:30:00+08:00}. */
    public OffsetDateTime at(Instant moment) {
        return moment.atZone(zone).toOffsetDateTime();
    }

    /** A moment stored by the database (a {@code timestamptz}) in this zone. */
    public OffsetDateTime at(OffsetDateTime moment) {
        return moment.atZoneSameInstant(zone).toOffsetDateTime();
    }

    /** To the minute, for a person: {@code 2025-01-20 09:30}. */
    public String minutes(OffsetDateTime moment) {
        return moment == null ? "" : MINUTES.format(at(moment));
    }

    /** To the minute with the zone's offset, where a reader may be elsewhere: {@code 2025-01-20 09:30 (UTC+08:00)}. */
    public String minutesWithZone(OffsetDateTime moment) {
        if (moment == null) {
            return "";
        }
        OffsetDateTime local = at(moment);
        return MINUTES.format(local) + " (UTC" + local.getOffset().getId().replace("Z", "+00:00") + ")";
    }

    /** A database timestamp without zone, taken as this zone's local time: what the schedules and clerks mean. */
    public OffsetDateTime local(LocalDateTime time) {
        return time.atZone(zone).toOffsetDateTime();
    }
}
