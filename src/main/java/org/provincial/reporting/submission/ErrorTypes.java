package org.provincial.reporting.submission;

import java.util.Map;

import static java.util.Map.entry;

/**
 * The Chinese error type (错误类型) of every rejection code, row and file level, as clerks and staff read it beside the
 * code: the one table the feedback and the pages share.
 */
public final class ErrorTypes {

    private static final Map<String, String> TYPES = Map.ofEntries(
            entry("REQUIRED_MISSING", "必填项为空"),
            entry("REGION_UNKNOWN", "行政区划代码不存在"),
            entry("REGION_OUT_OF_JURISDICTION", "地区不属于本单位"),
            entry("ID_INVALID", "身份证号错误"),
            entry("CREDIT_CODE_INVALID", "统一社会信用代码错误"),
            entry("DATE_INVALID", "日期格式错误"),
            entry("DATE_OUT_OF_PERIOD", "日期不在报送月份"),
            entry("NUMBER_INVALID", "数字格式错误"),
            entry("NEGATIVE", "数值为负或过小"),
            entry("OVER_CAP", "超过补助上限"),
            entry("VALUE_UNKNOWN", "填写的值不在可选范围"),
            entry("DUPLICATE_ROW", "重复行"),
            entry("ROW_IGNORED", "合计行或签名行（已跳过，不是错误）"),
            entry("COLUMN_MISSING", "缺少必填列"),
            entry("EMPTY", "文件没有数据"),
            entry("TOO_MANY_INVALID", "错误行过多，整份退回"),
            entry("UNREADABLE", "文件无法读取"),
            entry("NAME_INVALID", "文件名不规范"),
            entry("SUBMITTER_MISMATCH", "报送单位不符"),
            entry("DUPLICATE_FILE", "重复文件"));

    private ErrorTypes() {
    }

    /** The error type of a rejection code; the code itself for one this table does not know yet. */
    public static String of(String code) {
        return TYPES.getOrDefault(code, code);
    }

    /** Every code and its error type. */
    public static Map<String, String> all() {
        return TYPES;
    }
}
