package org.provincial.reporting.checks;

/** How many warnings the checks of a period raised, by importance. */
public record CheckCounts(long high, long medium, long low) {

    public long total() {
        return high + medium + low;
    }
}
