package org.provincial.reporting.storage;

/** A run refused because a run of the same province and period holds its lock, in this process or another. */
public final class RunInProgressException extends IllegalStateException {

    private final String province;
    private final String period;

    RunInProgressException(String province, String period) {
        super("已有 " + province + " " + period + " 的运行在进行中（可能在另一进程），请等它结束后再试");
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
