package org.provincial.reporting.feedback;

import java.util.List;

/** The two tables of a submitter's feedback, sheets 文件 and 退回明细 and the end of the text file, line by line. */
final class Listings {

    static final String FILES = "文件";
    static final List<String> FILES_HEADER = List.of("文件名", "数据", "版本", "接收时间", "处理结果", "读取行数", "采用行数",
            "退回行数", "整份退回原因");
    /** The heading of the files in the text, after its number (三, or 四 after a section 请核实). */
    static final String FILES_HEADING = "收到的文件";
    static final String REJECTIONS = "退回明细";
    static final List<String> REJECTIONS_HEADER = List.of("文件名", "行号", "列", "错误类型", "代码", "说明", "填写的值");
    static final String REJECTIONS_HEADING = "退回明细（按文件、行号排列）";
    /** In the row number's place for a reason that concerns the whole file. */
    static final String WHOLE_FILE = "整份文件";

    private Listings() {
    }

    /** One received file (received: the time with its zone; reasons: the whole-file reasons, IDs masked). */
    record FileLine(String name, String dataset, Integer version, String received, String fate, Integer read,
            Integer accepted, Integer rejected, List<String> reasons) {
    }

    /** One reason a row or a whole file (row null) was rejected, its value masked. */
    record RejectionLine(String file, Integer row, String column, String type, String code, String message,
            String value) {

        String rowLabel() {
            return row == null ? WHOLE_FILE : row.toString();
        }
    }
}
