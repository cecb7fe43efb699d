package org.provincial.reporting.collect;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a submission's file name says: {@code <submitter>_<dataset>_<period>[_v<N>].<ext>}, for example
 * {@code 440103_visits_2025-01_v2.xlsx}.
 *
 * @param submitter the six-digit region code of the submitter named in the file
 * @param dataset   one of {@link #DATASETS}
 * @param period    the month reported
 * @param version   the N of {@code _vN}, at least 1; 1 when the name has none
 * @param format    the extension in lower case: csv, xlsx or xls
 */
public record SubmissionName(String submitter, String dataset, YearMonth period, int version, String format) {

    /** The datasets a file may hold. */
    public static final List<String> DATASETS = List.of("visits", "subsidies", "contracts", "enterprise_counts",
            "welfare");

    private static final Pattern NAME = Pattern.compile("(\\d{6})_(" + String.join("|", DATASETS) + ")"
            + "_(\\d{4})-(\\d{2})(?:_v(\\d{1,9}))?\\.((?i:csv|xlsx|xls))");

    /** The name's parts, or empty when the name does not follow the rule. */
    public static Optional<SubmissionName> parse(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        YearMonth period;
        try {
            period = YearMonth.of(Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
        }
        catch (DateTimeException e) {
            return Optional.empty();
        }
        int version = matcher.group(5) == null ? 1 : Integer.parseInt(matcher.group(5));
        if (version < 1) {
            return Optional.empty();
        }
        return Optional.of(new SubmissionName(matcher.group(1), matcher.group(2), period, version,
                matcher.group(6).toLowerCase(Locale.ROOT)));
    }
}
