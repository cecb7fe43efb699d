package org.provincial.reporting.collect;

import org.apache.camel.builder.RouteBuilder;

import org.springframework.stereotype.Component;

/**
 * The route template every source is collected with: its consumer endpoint (see {@link SourceEndpoints}, which also
 * gives its filter) feeds each file, and the empty message of an idle poll, to the source's receiver; errors while
 * polling or receiving go to its failure handler and leave the file unmarked, so the next poll or run tries it again.
 */
@Component
class CollectRoutes extends RouteBuilder {

    static final String TEMPLATE = "collect-source";
    static final String SOURCE_URI = "sourceUri";
    static final String IDEMPOTENT_REPOSITORY = "idempotentRepository";
    static final String FILTER = "filter";
    static final String RECEIVER = "receiver";
    static final String FAILURE_HANDLER = "failureHandler";

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .templateParameter(SOURCE_URI)
                .from("{{" + SOURCE_URI + "}}&idempotentRepository=#{{" + IDEMPOTENT_REPOSITORY + "}}&filter=#{{"
                        + FILTER + "}}")
                    // not handled: a failed file is rolled back (not added to the idempotent repository);
                    // the collector reports the failure with the password masked, so Camel logs nothing itself
                    .onException(Exception.class)
                        .logExhausted(false)
                        .logExhaustedMessageHistory(false)
                        .process("{{" + FAILURE_HANDLER + "}}")
                    .end()
                    .process("{{" + RECEIVER + "}}");
    }
}
