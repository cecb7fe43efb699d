package org.provincial.reporting.feedback;

import java.util.List;

/**
 * What a submitter's feedback says in plain Chinese before its tables — the sheet 说明 and the head of the text file
 * are both written from it, so they say the same words.
 *
 * @param title   e.g. 荔湾区（440103）2025年1月数据报送反馈
 * @param facts   the submitter, the month, the deadline and the contact, one line each
 * @param verdict one sentence saying whether anything has to be done
 * @param lines   each dataset's state, then its other files, then the files of no dataset
 * @param rules   how to send again, one rule each
 * @param reviews the checks' warnings the submitter is asked to verify (SPEC §11), one each; none, no section
 */
record Guidance(String title, List<String> facts, String verdict, List<Line> lines, List<String> rules,
        List<String> reviews) {

    static final String LINES_HEADING = "一、各项数据的处理结果";
    static final List<String> LINES_HEADER = List.of("数据", "文件", "状态", "情况", "下一步");
    static final String RULES_HEADING = "二、重新报送须知";
    static final String REVIEWS_HEADING = "三、请核实";
    static final String REVIEWS_NOTE = "以下情况与通常不符，请核实。这些只是提示：相关数据仍计入本月汇总，无需为此重新报送；"
            + "核实后如发现数据确有错误，请按上面的须知报送新版本。";

    /**
     * One line of the table: a dataset's state (its file the one that decides it, empty when none arrived), or
     * another file of it.
     */
    record Line(String dataset, String file, State state, String situation, String nextStep) {
    }
}
