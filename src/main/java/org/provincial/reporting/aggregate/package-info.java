/**
 * The totals of SPEC §6: every measure of every region of a province and period, computed in SQL from the
 * deduplicated facts into {@code period_total}, and the Chinese labels of the measures.
 */
package org.provincial.reporting.aggregate;
