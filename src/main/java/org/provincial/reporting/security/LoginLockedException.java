package org.provincial.reporting.security;

import java.time.Duration;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.authentication.LockedException;

/** A sign-in refused without checking the password, because the account or the address is locked for a while. */
class LoginLockedException extends LockedException {

    private final long seconds;

    LoginLockedException(Duration wait, MessageSourceAccessor texts) {
        super(texts.getMessage("api.locked", new Object[] { String.valueOf(seconds(wait)) }));
        this.seconds = seconds(wait);
    }

    /** Whole seconds to wait, at least 1. */
    long seconds() {
        return seconds;
    }

    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
