package org.provincial.reporting.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Options of the feedback ({@code reporting.feedback.*}).
 *
 * @param annotateMaxBytes the largest original xlsx that gets an annotated copy: the copy loads the whole workbook
 *                         into memory, a few dozen times the file's size
 */
@ConfigurationProperties("reporting.feedback")
record FeedbackProperties(@DefaultValue("20MB") DataSize annotateMaxBytes) {
}
