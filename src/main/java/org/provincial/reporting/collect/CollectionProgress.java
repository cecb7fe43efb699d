package org.provincial.reporting.collect;

/** Told of every newly registered file while a collection runs; called on the collecting threads. */
@FunctionalInterface
public interface CollectionProgress {

    /**
     * @param maskedSource the source, password masked
     * @param remotePath   the file's path below the source, e.g. 440100/440100_visits_2025-01.csv
     * @param status       the status it was registered with, e.g. RECEIVED or DUPLICATE_FILE
     */
    void fileReceived(String maskedSource, String remotePath, String status);
}
