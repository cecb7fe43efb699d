package org.provincial.reporting.pipeline;

/** A run refused because a run of the same province and period holds its lock, in this process or another. */
public final class RunInProgressException extends IllegalStateException {

    private final String province;
    private final String period;

    RunInProgressException(String province, String period) {
        super("A run of " + province + " " + period + " is already in progress in another process; wait for it to end.");
        this.province = province;
        this.period = period;
    }

    public String province() {
        return province;
    }

    public String period() {
        return period;
    }
}
