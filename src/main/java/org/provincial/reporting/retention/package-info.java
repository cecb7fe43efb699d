/**
 * Retention: periods older than {@code reporting.retention.months} purged of their originals and staged rows (their
 * totals kept), and the log of the purges ({@code retention_purge}), which runs and ranges consult.
 */
package org.provincial.reporting.retention;
