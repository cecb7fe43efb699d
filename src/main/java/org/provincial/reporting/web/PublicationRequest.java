package org.provincial.reporting.web;

/** The body of {@code POST /api/publications}: the run to publish and the note (the reason, when republishing). */
record PublicationRequest(String province, String period, Long executionId, String note) {
}
