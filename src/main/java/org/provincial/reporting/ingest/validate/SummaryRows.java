package org.provincial.reporting.ingest.validate;

import java.util.List;

/**
 * Tells summary and signature rows (合计, 小计 …, 填表人, 审核人 …, 注：, 说明：) from data rows by their first non-empty
 * cell (SPEC §2.1): they are skipped as ROW_IGNORED, never validated.
 */
public final class SummaryRows {

    /** In matching form (NFKC has made the full-width colon half-width). */
    private static final List<String> PREFIXES = List.of("合计", "小计", "总计", "本页合计", "填表人", "填报人", "制表人",
            "审核人", "负责人", "联系电话", "填报日期", "制表日期", "注:", "说明:");
    /** The first characters of the prefixes: most rows are told apart by one character. */
    private static final String FIRST_CHARACTERS = "合小总本填制审负联注说";
    private static final int QUOTED_LENGTH = 20;

    private SummaryRows() {
    }

    /**
     * The first non-empty cell as typed (shortened to 20 characters) when the row is a summary or signature row; null
     * for a data row.
     */
    public static String firstCellIfSummary(List<String> cells) {
        for (String cell : cells) {
            for (int i = 0, n = cell.length(); i < n; i++) {
                char c = cell.charAt(i);
                if (!ValueParsers.isBlank(c)) {
                    return FIRST_CHARACTERS.indexOf(c) >= 0 && isSummary(cell) ? quoted(cell) : null;
                }
            }
        }
        return null;
    }

    private static boolean isSummary(String cell) {
        String form = ValueParsers.matchingForm(cell);
        return PREFIXES.stream().anyMatch(form::startsWith);
    }

    private static String quoted(String cell) {
        String trimmed = ValueParsers.trim(cell);
        return trimmed.length() <= QUOTED_LENGTH ? trimmed : trimmed.substring(0, QUOTED_LENGTH) + "…";
    }
}
