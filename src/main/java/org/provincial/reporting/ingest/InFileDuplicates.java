package org.provincial.reporting.ingest;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Finds, while a file is read, the rows that may repeat the natural key of an earlier valid row of the file
 * (DUPLICATE_ROW): each key is reduced to a 64-bit hash, and a row whose hash an earlier valid row had is a candidate,
 * paired with that row. Equal keys always have equal hashes, so no duplicate is missed; the database then compares the
 * candidates' keys themselves, and a pair whose keys differ (two keys with one hash) sends the file to the full check
 * in SQL. Memory is bounded: past {@code reporting.ingest.in-file-keys} keys (about 26 bytes each: hash, row, flag at a
 * load of at most one half) the finder gives up and the full check runs instead.
 */
final class InFileDuplicates {

    private final int[] keyColumns;
    private final int maxKeys;
    private long[] hashes = new long[1024];
    private int[] firstRows = new int[1024];
    private boolean[] used = new boolean[1024];
    private int size;
    private int[] candidates = new int[64];
    private int[] candidateFirstRows = new int[64];
    private int candidateCount;
    private boolean gaveUp;

    /**
     * @param keyColumns the indexes of the natural key columns among the staged values
     * @param maxKeys    the most keys (and candidates) held before giving up
     */
    InFileDuplicates(int[] keyColumns, int maxKeys) {
        this.keyColumns = keyColumns;
        this.maxKeys = maxKeys;
    }

    /** Offers a staged row: its number, whether it is valid, and its values as staged. */
    void offer(int rowNumber, boolean valid, Object[] values) {
        if (gaveUp) {
            return;
        }
        long hash = 0xcbf29ce484222325L;
        for (int column : keyColumns) {
            Object value = values[column];
            if (value == null) {
                return; // a key with an empty part is never a duplicate
            }
            hash = mix(hash, canonical(value));
        }
        int slot = slot(hash);
        if (used[slot]) {
            addCandidate(rowNumber, firstRows[slot]);
        }
        else if (valid) {
            if (size >= maxKeys) {
                gaveUp = true;
                return;
            }
            used[slot] = true;
            hashes[slot] = hash;
            firstRows[slot] = rowNumber;
            if (++size * 2 > used.length) {
                grow();
            }
        }
    }

    /** True when the file had too many keys: the full check must run. */
    boolean gaveUp() {
        return gaveUp;
    }

    /** The candidate rows, in file order. */
    int[] candidates() {
        return Arrays.copyOf(candidates, candidateCount);
    }

    /** For each candidate, the earlier valid row with the same hash. */
    int[] candidateFirstRows() {
        return Arrays.copyOf(candidateFirstRows, candidateCount);
    }

    /** The text a value is compared by in the database, NUL characters aside: a number without trailing zeros (1.50 = 1.5). */
    private static String canonical(Object value) {
        return value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : value.toString();
    }

    /**
     * FNV-1a over the characters, leaving out the NUL characters COPY leaves out, then a separator no character equals,
     * so that ("ab","c") ≠ ("a","bc").
     */
    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\0') {
                hash = (hash ^ c) * 0x100000001b3L;
            }
        }
        return (hash ^ 0x10000) * 0x100000001b3L;
    }

    private int slot(long hash) {
        int mask = used.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) * 0x9E3779B9 & mask;
        while (used[slot] && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldFirstRows = firstRows;
        boolean[] oldUsed = used;
        hashes = new long[oldHashes.length * 2];
        firstRows = new int[oldHashes.length * 2];
        used = new boolean[oldHashes.length * 2];
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = slot(oldHashes[i]);
                used[slot] = true;
                hashes[slot] = oldHashes[i];
                firstRows[slot] = oldFirstRows[i];
            }
        }
    }

    private void addCandidate(int rowNumber, int firstRow) {
        if (candidateCount >= maxKeys) {
            gaveUp = true;
            return;
        }
        if (candidateCount == candidates.length) {
            candidates = Arrays.copyOf(candidates, candidateCount * 2);
            candidateFirstRows = Arrays.copyOf(candidateFirstRows, candidateCount * 2);
        }
        candidates[candidateCount] = rowNumber;
        candidateFirstRows[candidateCount++] = firstRow;
    }
}
