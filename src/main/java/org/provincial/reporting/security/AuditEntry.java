package org.provincial.reporting.security;

import java.time.OffsetDateTime;

/** One admin action: who did what, when. */
public record AuditEntry(long id, OffsetDateTime at, String actor, String action, String detail) {
}
