package org.provincial.reporting.checks;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One warning for review: a rule a region or a counted file does not meet, a figure far from its history, or a
 * submitter gone silent. The figures still count.
 *
 * @param ruleId     the rule's id, {@code outlier} or {@code silent_submitter}
 * @param regionCode the region the warning is about (for a file or a silence, its submitter's)
 * @param submitter  the submitter whose file does not meet a rule, or who went silent; else null
 * @param figures    the figures behind the warning by {@code dataset.measure} (an outlier adds {@code median})
 */
public record CheckWarning(String ruleId, String ruleName, String importance, String regionCode, String regionName,
        String submitter, Map<String, BigDecimal> figures, String message) {
}
