package org.provincial.reporting.collect;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one collection newly registered: the number of new submissions and their counts by status.
 *
 * @param filesReceived the number of new submissions
 * @param byStatus      the new submissions by status (RECEIVED, DUPLICATE_FILE, NAME_INVALID, SUBMITTER_MISMATCH)
 */
public record CollectionResult(int filesReceived, Map<String, Integer> byStatus) {

    public CollectionResult {
        byStatus = Collections.unmodifiableMap(new TreeMap<>(byStatus));
    }
}
