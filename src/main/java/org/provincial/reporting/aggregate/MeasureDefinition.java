package org.provincial.reporting.aggregate;

/**
 * One figure every region carries in {@code period_total}: a measure of a dataset, as a total or for one breakdown key.
 *
 * @param dataset   visits, subsidies, contracts or welfare
 * @param measure   the measure, e.g. {@code person_visits}
 * @param breakdown empty for the measure's total, else the key of the value it is broken down by
 */
public record MeasureDefinition(String dataset, String measure, String breakdown) {
}
