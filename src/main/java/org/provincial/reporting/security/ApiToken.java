package org.provincial.reporting.security;

import java.time.OffsetDateTime;

/** A personal API token as its owner's page lists it: never the token itself, only its first characters. */
public record ApiToken(long id, String label, String prefix, OffsetDateTime created, OffsetDateTime lastUsed) {
}
