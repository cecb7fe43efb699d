package org.provincial.reporting.security;

import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Table {@code audit_event}: every admin action (launch, restart, stop, user changes), never deleted. */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String detail) {
        jdbc.update("insert into audit_event (actor, action, detail) values (?, ?, ?)", actor, action, detail);
        log.info("Audit: {} {} {}", actor, action, detail);
    }

    /** The latest actions, newest first. */
    public List<AuditEntry> recent(int limit) {
        return recent(0, limit);
    }

    /** The actions newest first, at most {@code limit} from {@code offset} on. */
    public List<AuditEntry> recent(long offset, int limit) {
        return jdbc.query("""
                select id, occurred_at, actor, action, detail from audit_event order by id desc limit ? offset ?""",
                (rs, i) -> new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3), rs.getString(4), rs.getString(5)), limit, offset);
    }

    /** How many actions there are. */
    public long count() {
        return jdbc.queryForObject("select count(*) from audit_event", Long.class);
    }
}
