package org.provincial.reporting.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retention setting ({@code reporting.retention.*}).
 *
 * @param months a period's archived originals and staged rows are purged once it ended more than this many months
 *               ago; 0 keeps everything
 * @param cron   when {@code serve} purges (Spring cron, six fields), only when months is above 0
 */
@ConfigurationProperties("reporting.retention")
public record RetentionProperties(@DefaultValue("0") int months, @DefaultValue("0 30 3 * * *") String cron) {

    public RetentionProperties {
        if (months < 0) {
            throw new IllegalArgumentException("reporting.retention.months must be 0 (keep everything) or more, not "
                    + months);
        }
    }
}
