package org.provincial.reporting.collect;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.context.support.MessageSourceAccessor;

/** The failures of the network everyone meets reaching a source (refused, unknown host, no route, timeout), in Chinese. */
public final class NetworkFailures {

    private static final int MAX_CAUSES = 10;

    private NetworkFailures() {
    }

    /** What the first such failure among the exception and its causes means, or empty when there is none. */
    public static Optional<String> describe(Throwable exception, String host, MessageSourceAccessor texts) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Optional.of(texts.getMessage("collect.reason.refused"));
            }
            if (t instanceof UnknownHostException) {
                return Optional.of(texts.getMessage("collect.reason.unknown-host", new Object[] { host }));
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of(texts.getMessage("collect.reason.no-route", new Object[] { host }));
            }
            if (t instanceof SocketTimeoutException) {
                return Optional.of(texts.getMessage("collect.reason.timeout"));
            }
        }
        return Optional.empty();
    }
}
