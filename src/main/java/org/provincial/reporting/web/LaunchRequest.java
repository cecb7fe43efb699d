package org.provincial.reporting.web;

/** The body of {@code POST /api/runs}: {@code {"province":"440000","period":"2025-01"}}. */
record LaunchRequest(String province, String period) {
}
