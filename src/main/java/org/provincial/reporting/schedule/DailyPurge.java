package org.provincial.reporting.schedule;

import org.provincial.reporting.collect.SourceCredentials;
import org.provincial.reporting.collect.SourceLocation;
import org.provincial.reporting.retention.PurgeResult;
import org.provincial.reporting.retention.RetentionProperties;
import org.provincial.reporting.retention.RetentionPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The purge of {@code serve}: when {@code reporting.retention.months} is above 0, it purges at
 * {@code reporting.retention.cron} (daily at 03:30 by default). A period whose run is in progress waits for the next day.
 */
@Component
@ConditionalOnBooleanProperty("reporting.serve.enabled")
public class DailyPurge implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DailyPurge.class);

    private final RetentionPurge purge;
    private final RetentionProperties properties;
    private final ServeProperties serve;
    private final SourceCredentials credentials;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public DailyPurge(RetentionPurge purge, RetentionProperties properties, ServeProperties serve,
            SourceCredentials credentials) {
        this.purge = purge;
        this.properties = properties;
        this.serve = serve;
        this.credentials = credentials;
        scheduler.setThreadNamePrefix("retention-");
        scheduler.setPoolSize(1);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    public void start() {
        if (properties.months() == 0) {
            log.info("Retention is off (reporting.retention.months=0): archived originals are kept for good");
            return;
        }
        // the passwords of serve --source delete annotated copies from those sources, before any run gave them
        credentials.remember(serve.sources().stream().map(SourceLocation::parse).toList());
        CronTrigger trigger = new CronTrigger(properties.cron());
        scheduler.initialize();
        scheduler.schedule(this::purge, trigger);
        log.info("Purging periods older than {} month(s) at '{}'", properties.months(), properties.cron());
    }

    void purge() {
        try {
            PurgeResult result = purge.purge(properties.months(), false);
            result.report().forEach(log::info);
            if (!result.annotatedCopies().pending().isEmpty()) {
                log.warn("{} annotated copy(ies) of purged originals could not be deleted (listed above and on the"
                        + " retention page); the next purge tries again", result.annotatedCopies().pending().size());
            }
        }
        catch (RuntimeException e) {
            log.error("The retention purge failed; the next one finishes it: {}", e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
