package org.provincial.reporting.dedup;

import java.util.Map;

/**
 * What a deduplication of one province and period produced.
 *
 * @param countedSubmissions the submissions counted (one per submitter and dataset)
 * @param factsByDataset     the facts per dataset, in the order of the mappings
 * @param duplicatesRemoved  the valid staged rows of counted submissions that were copies of a fact counted elsewhere
 * @param conflicts          the copies whose values differed from the fact's and were listed for review
 */
public record DedupResult(int countedSubmissions, Map<String, Long> factsByDataset, long duplicatesRemoved, long conflicts) {
}
