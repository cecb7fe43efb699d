package org.provincial.reporting.web;

/**
 * The body of {@code POST /api/publications}: a month's run ({@code period}, {@code executionId}) or a range of months
 * ({@code from}, {@code to}) to publish, and the note (the reason, when republishing).
 */
record PublicationRequest(String province, String period, Long executionId, String from, String to, String note) {
}
