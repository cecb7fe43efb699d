package org.provincial.reporting.collect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Options of the collection ({@code reporting.collect.*}).
 *
 * @param stableAfter           a file is complete once its size and modification time are the same in two listings
 *                              at least this far apart (never judged by comparing the server's clock with ours)
 * @param changingWait          how long a collection waits for files that are still changing (being uploaded)
 *                              before it leaves them for a later run and reports them
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
        @DefaultValue("5s") Duration stableAfter,
        @DefaultValue("2m") Duration changingWait,
        @DefaultValue("3") int reconnectAttempts,
        @DefaultValue("5s") Duration reconnectDelay,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("1s") Duration pollDelay,
        @DefaultValue("6h") Duration drainTimeout,
        @DefaultValue("UTF-8") String ftpControlEncoding) {

    public CollectProperties {
        if (stableAfter.isNegative() || changingWait.isNegative()) {
            throw new IllegalArgumentException("reporting.collect.stable-after (" + stableAfter
                    + ") and reporting.collect.changing-wait (" + changingWait + ") must not be negative");
        }
    }
}
