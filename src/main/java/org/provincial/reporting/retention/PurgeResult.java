package org.provincial.reporting.retention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.provincial.reporting.feedback.AnnotatedCopyLocations.Copy;
import org.provincial.reporting.feedback.AnnotatedCopyLocations.Removal;

/**
 * What a purge removed (or, in a dry run, would remove).
 *
 * @param months        the retention in months
 * @param cutoff        periods that ended before this day expired
 * @param dryRun        true when nothing was changed
 * @param periods       each expired province and period purged, in order
 * @param busy          the expired periods left for the next purge because a run of them was in progress
 * @param filesDeleted  archived originals deleted (in a dry run: those an interrupted purge left, still to delete)
 * @param bytesDeleted  their size
 * @param annotatedCopies the annotated copies of purged originals deleted now, and those still pending (in a dry
 *                      run: none deleted, pending those an earlier purge could not delete, which this one retries)
 */
public record PurgeResult(int months, LocalDate cutoff, boolean dryRun, List<PeriodPurge> periods,
        List<String> busy, int filesDeleted, long bytesDeleted, Removal annotatedCopies) {

    PurgeResult(int months, LocalDate cutoff, boolean dryRun, List<PeriodPurge> periods, List<String> busy,
            int filesDeleted, long bytesDeleted) {
        this(months, cutoff, dryRun, periods, busy, filesDeleted, bytesDeleted, new Removal(List.of(), List.of()));
    }

    /** This result with what was done with the annotated copies. */
    PurgeResult with(Removal copies) {
        return new PurgeResult(months, cutoff, dryRun, periods, busy, filesDeleted, bytesDeleted, copies);
    }

    /**
     * One province and period purged; both null for the files whose name gave none, purged by their receipt date.
     *
     * @param files archived originals no kept submission shares: deleted once the purge of the period is committed
     * @param annotatedCopies where the annotated copies of its originals were written (home, output folders,
     *                        sources): deleted after the commit as well
     */
    public record PeriodPurge(String province, String period, int submissions, long stagedRows, long deduplicatedRows,
            long conflicts, int files, long bytes, List<String> annotatedCopies) {

        String name() {
            return province == null ? "files without a province or period" : province + " " + period;
        }
    }

    /** The purge as people read it, one line each: the CLI prints these, {@code serve} logs them. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add("Retention " + months + " month(s): periods that ended before " + cutoff + " expire"
                + (dryRun ? " (dry run: nothing is changed)" : ""));
        if (periods.isEmpty() && busy.isEmpty()) {
            lines.add("Nothing to purge.");
        }
        for (PeriodPurge period : periods) {
            lines.add((dryRun ? "would purge " : "purged ") + period.name() + ": " + period.submissions()
                    + " submission(s), " + period.stagedRows() + " staged row(s), " + period.deduplicatedRows()
                    + " deduplicated row(s), "
                    + period.conflicts() + " conflict(s), " + period.files() + " archived original(s) ("
                    + period.bytes() + " bytes), " + period.annotatedCopies().size() + " annotated copy(ies)");
            if (dryRun) {
                period.annotatedCopies().forEach(copy -> lines.add("  annotated copy " + copy));
            }
        }
        busy.forEach(period -> lines.add("skipped " + period + ": a run of it is in progress; the next purge takes it"));
        lines.add(dryRun
                ? "would delete " + filesDeleted + " archived original(s) (" + bytesDeleted
                        + " bytes) left by an interrupted purge, and those above"
                : "deleted " + filesDeleted + " archived original(s) (" + bytesDeleted + " bytes)");
        if (!dryRun) {
            lines.add("deleted " + annotatedCopies.deleted().size() + " annotated copy(ies) of purged originals");
            annotatedCopies.deleted().forEach(copy -> lines.add("  " + copy.location()));
        }
        List<Copy> pending = annotatedCopies.pending();
        if (!pending.isEmpty()) {
            lines.add(dryRun
                    ? "would retry " + pending.size() + " annotated copy(ies) an earlier purge could not delete:"
                    : "PENDING: " + pending.size() + " annotated copy(ies) could not be deleted; the next purge tries"
                            + " again:");
            pending.forEach(copy -> lines.add("  " + copy.location() + ": " + copy.failure()));
        }
        return lines;
    }
}
