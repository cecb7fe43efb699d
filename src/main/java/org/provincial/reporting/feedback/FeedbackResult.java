package org.provincial.reporting.feedback;

import java.util.List;

/**
 * What the feedback step did.
 *
 * @param written        feedback workbooks, their texts and annotated copies written
 * @param uploaded       files put back on the sources (one file on two sources counts twice)
 * @param uploadFailures one line per submitter and source whose upload failed, password masked
 */
public record FeedbackResult(int written, int uploaded, List<String> uploadFailures) {
}
