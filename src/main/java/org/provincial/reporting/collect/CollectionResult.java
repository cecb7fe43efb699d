package org.provincial.reporting.collect;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one collection newly registered: the number of new submissions and their counts by status, and the files it
 * left for a later run because they were still changing.
 *
 * @param filesReceived the number of new submissions
 * @param byStatus      the new submissions by status (RECEIVED, DUPLICATE_FILE, NAME_INVALID, SUBMITTER_MISMATCH)
 * @param left          the files left for a later run
 */
public record CollectionResult(int filesReceived, Map<String, Integer> byStatus, List<LeftFile> left) {

    public CollectionResult {
        byStatus = Collections.unmodifiableMap(new TreeMap<>(byStatus));
        left = List.copyOf(left);
    }

    /** A collection that left no file behind. */
    public CollectionResult(int filesReceived, Map<String, Integer> byStatus) {
        this(filesReceived, byStatus, List.of());
    }

    /**
     * A file left for a later run: its size or modification time was still changing when the wait for it ended.
     *
     * @param source     the source, password masked
     * @param remotePath the path below the source, e.g. 440100/440100_visits_2025-01.csv
     * @param sizeBytes  its size in the last listing
     */
    public record LeftFile(String source, String remotePath, long sizeBytes) {
    }
}
