package org.provincial.reporting.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Options of the feedback ({@code reporting.feedback.*}).
 *
 * @param annotateMaxBytes the largest original xlsx that gets an annotated copy. The copy is streamed, but an original
 *                         whose first sheet has comments of its own is loaded whole, a few dozen times its size
 */
@ConfigurationProperties("reporting.feedback")
record FeedbackProperties(@DefaultValue("20MB") DataSize annotateMaxBytes) {
}
