package org.provincial.reporting.schedule;

import java.util.List;

import org.provincial.reporting.pipeline.PipelineRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At the start of {@code serve}: executions a crash left marked as running are recovered, so they can be restarted. */
@Component
@ConditionalOnBooleanProperty("reporting.serve.enabled")
class StartupRecovery {

    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final PipelineRunner runner;

    StartupRecovery(PipelineRunner runner) {
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void recover() {
        List<Long> recovered = runner.recoverAllDeadExecutions();
        if (!recovered.isEmpty()) {
            log.warn("Recovered {} execution(s) left running by a crash: {}; restart them from the runs page",
                    recovered.size(), recovered);
        }
    }
}
