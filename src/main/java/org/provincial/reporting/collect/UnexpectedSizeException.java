package org.provincial.reporting.collect;

import java.io.IOException;

/**
 * A file arrived shorter or longer than the source's listing said: its transfer broke off, or it was still being
 * written when listed. Nothing of it is kept; it is fetched again, so that its size, content and receipt agree.
 */
class UnexpectedSizeException extends IOException {

    private final long received;
    private final long listed;

    UnexpectedSizeException(long received, long listed) {
        super(received < listed ? "the transfer broke off: " + received + " of " + listed + " bytes received"
                : "the file grew while it was read (still being uploaded): " + received + " bytes received, "
                        + listed + " listed");
        this.received = received;
        this.listed = listed;
    }

    long received() {
        return received;
    }

    long listed() {
        return listed;
    }
}
