package org.provincial.reporting.retention;

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
class DailyPurge implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DailyPurge.class);

    private final RetentionPurge purge;
    private final RetentionProperties properties;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    DailyPurge(RetentionPurge purge, RetentionProperties properties) {
        this.purge = purge;
        this.properties = properties;
        scheduler.setThreadNamePrefix("retention-");
        scheduler.setPoolSize(1);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    void start() {
        if (properties.months() == 0) {
            log.info("Retention is off (reporting.retention.months=0): archived originals are kept for good");
            return;
        }
        CronTrigger trigger = new CronTrigger(properties.cron());
        scheduler.initialize();
        scheduler.schedule(this::purge, trigger);
        log.info("Purging periods older than {} month(s) at '{}'", properties.months(), properties.cron());
    }

    void purge() {
        try {
            purge.purge(properties.months(), false).report().forEach(log::info);
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
