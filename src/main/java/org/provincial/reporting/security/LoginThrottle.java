package org.provincial.reporting.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after a few failed sign-ins an account, and after some more an address, is locked
 * for a time that doubles with each further failure (1 s, 2 s, 4 s … at most 15 minutes). A successful sign-in
 * clears the account's failures; an address's are forgotten an hour after its last failure.
 */
@Component
class LoginThrottle {

    static final int FREE_FAILURES_PER_ACCOUNT = 3;
    static final int FREE_FAILURES_PER_ADDRESS = 10;
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final Duration MEMORY = Duration.ofHours(1);

    /** Above this many remembered accounts and addresses, the forgotten ones are dropped at the next failure. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the account or the address must still wait before a password is checked again; zero when free. */
    Duration lockedFor(String account, String address) {
        Instant now = clock.instant();
        Duration accountWait = wait(accountKey(account), now);
        Duration addressWait = wait(addressKey(address), now);
        return accountWait.compareTo(addressWait) >= 0 ? accountWait : addressWait;
    }

    /** Counts a wrong password; returns how long the account or address is now locked (zero when not). */
    Duration failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(entry -> entry.forgotten(now));
        }
        failures.compute(accountKey(account), (key, entry) -> Failures.next(entry, now, FREE_FAILURES_PER_ACCOUNT));
        failures.compute(addressKey(address), (key, entry) -> Failures.next(entry, now, FREE_FAILURES_PER_ADDRESS));
        return lockedFor(account, address);
    }

    void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    private Duration wait(String key, Instant now) {
        Failures entry = failures.get(key);
        return entry == null || !entry.lockedUntil().isAfter(now) ? Duration.ZERO
                : Duration.between(now, entry.lockedUntil());
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    /** The failures of one account or address: how many, the last one, and until when it is locked. */
    private record Failures(int count, Instant last, Instant lockedUntil) {

        static Failures next(Failures previous, Instant now, int free) {
            int count = previous == null || previous.forgotten(now) ? 1 : previous.count() + 1;
            Instant until = count <= free ? now : now.plus(lock(count - free));
            return new Failures(count, now, until);
        }

        static Duration lock(int beyondFree) {
            int exponent = Math.min(beyondFree - 1, 20);
            Duration lock = Duration.ofSeconds(1L << exponent);
            return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
        }

        boolean forgotten(Instant now) {
            return lockedUntil.plus(MEMORY).isBefore(now) && last.plus(MEMORY).isBefore(now);
        }
    }
}
