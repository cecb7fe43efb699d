package org.provincial.reporting.collect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Options of the collection ({@code reporting.collect.*}).
 *
 * @param readLockCheckInterval with readLockMinAge 0: how long a file's size and modification time must stay
 *                              unchanged before it is read (Camel's readLock=changed); each file waits this long
 * @param readLockMinAge        a file is read once its modification time is this old (no per-file wait); the
 *                              default 2 minutes covers FTP listings that carry minutes only (local directories
 *                              wait at most 5 seconds). A remote file is judged from the poll's listing, and a
 *                              younger one is left for a later run. Set 0 for a server whose listings are in
 *                              another time zone than this machine's
 * @param readLockTimeout       how long to wait for a file that keeps changing before leaving it to the next poll
 *                              (local directories, and remote sources with readLockMinAge 0)
 * @param reconnectAttempts     how often to retry connecting to a server before the source counts as unavailable,
 *                              and how often to fetch again a file whose transfer broke off
 * @param reconnectDelay        the pause between those attempts
 * @param connectTimeout        how long one connection attempt may take
 * @param pollDelay             the pause between two polls of a source that is not drained yet
 * @param drainTimeout          how long one collection may take in all before it fails
 * @param ftpControlEncoding    the encoding of file names on FTP and FTPS servers (GB18030 for some older servers)
 */
@ConfigurationProperties("reporting.collect")
public record CollectProperties(
        @DefaultValue("2s") Duration readLockCheckInterval,
        @DefaultValue("2m") Duration readLockMinAge,
        @DefaultValue("60s") Duration readLockTimeout,
        @DefaultValue("3") int reconnectAttempts,
        @DefaultValue("5s") Duration reconnectDelay,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("1s") Duration pollDelay,
        @DefaultValue("6h") Duration drainTimeout,
        @DefaultValue("UTF-8") String ftpControlEncoding) {

    public CollectProperties {
        if (readLockTimeout.compareTo(readLockCheckInterval) <= 0) {
            throw new IllegalArgumentException("reporting.collect.read-lock-timeout (" + readLockTimeout
                    + ") must be longer than reporting.collect.read-lock-check-interval (" + readLockCheckInterval
                    + ")");
        }
    }
}
