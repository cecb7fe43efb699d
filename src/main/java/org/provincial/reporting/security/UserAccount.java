package org.provincial.reporting.security;

import java.time.OffsetDateTime;

/** A user of the web application and the API, as {@code user list} shows it. */
public record UserAccount(String name, Role role, OffsetDateTime created, OffsetDateTime updated) {
}
