package org.provincial.reporting.submission;

/** What the submissions page and API filter on; each part may be null or blank for "any". */
public record SubmissionFilter(String province, String period, String submitter, String dataset, String status) {

    public SubmissionFilter {
        province = blankToNull(province);
        period = blankToNull(period);
        submitter = blankToNull(submitter);
        dataset = blankToNull(dataset);
        status = blankToNull(status);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
