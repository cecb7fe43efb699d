package org.provincial.reporting.collect;

/**
 * Thrown when a source cannot be reached, listed or read after the retries; the message names the masked source
 * and the reason, and never holds a password.
 */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }
}
