/**
 * Deduplication (SPEC §5): the counted version of each submission, and its staged rows turned into facts and
 * conflicts.
 */
package org.provincial.reporting.dedup;
