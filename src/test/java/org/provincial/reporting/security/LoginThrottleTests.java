package org.provincial.reporting.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long {@link LoginThrottle} locks an account or address after wrong passwords, on a clock the test moves. */
class LoginThrottleTests {

    MovableClock clock = new MovableClock();
    LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void locksAnAccountForADoublingTimeAfterThreeFreeFailures() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("li", "10.0.0." + i)).isZero();
        }
        assertThat(throttle.failed("li", "10.0.0.9")).hasSeconds(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("li", "10.0.0.9")).isZero();
        assertThat(throttle.failed("li", "10.0.0.9")).hasSeconds(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.failed("li", "10.0.0.9")).hasSeconds(4);
        assertThat(throttle.lockedFor("li", "10.0.0.200")).as("from any address").hasSeconds(4);
        assertThat(throttle.lockedFor("wang", "10.0.0.200")).as("another account").isZero();
    }

    @Test
    void locksForFifteenMinutesAtMost() {
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMinutes(16));
            throttle.failed("li", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("li", "10.0.0.1")).isEqualTo(LoginThrottle.LONGEST_LOCK);
    }

    @Test
    void locksAnAddressAfterTenFailuresOverAnyAccounts() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.failed("user" + i, "10.0.0.1")).isZero();
        }
        assertThat(throttle.failed("user10", "10.0.0.1")).hasSeconds(1);
        assertThat(throttle.lockedFor("wang", "10.0.0.1")).hasSeconds(1);
        assertThat(throttle.lockedFor("wang", "10.0.0.2")).isZero();
    }

    @Test
    void clearsAnAccountOnSuccessAndForgetsAfterAnHour() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("li", "10.0.0.1");
        }
        throttle.succeeded("li");
        assertThat(throttle.failed("li", "10.0.0.1")).as("the account's count starts again").isZero();

        for (int i = 0; i < 5; i++) {
            throttle.failed("zhao", "10.0.0.2");
        }
        clock.advance(Duration.ofHours(2));
        assertThat(throttle.failed("zhao", "10.0.0.3")).isZero();
    }

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2025-01-20T01:30:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
