package org.provincial.reporting.ingest.validate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.provincial.reporting.privacy.ResidentIds;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.EnumValue;
import org.provincial.reporting.reference.Region;

/** Every Chinese text shown to submitters about rejected rows and files, so the wording lives in one place. */
public final class Messages {

    private Messages() {
    }

    // ---- file level ----

    /** COLUMN_MISSING: names the expected header, every other header accepted for it and the sheets looked at. */
    public static String columnMissing(ColumnMapping column, List<String> sheets) {
        List<String> others = column.acceptedHeaders().stream().filter(h -> !h.equals(column.header())).toList();
        return "缺少必填列“" + column.header() + "”（也可写作：" + String.join("、", others)
                + "），请在表头行中补上这一列后重新报送"
                + (sheets.isEmpty() ? "" : "（已查找的工作表：" + sheets.stream().map(s -> "“" + s + "”")
                        .collect(Collectors.joining("、")) + "；隐藏的工作表不会被读取）");
    }

    /** ROW_IGNORED: a summary or signature row, which is skipped (not an error). */
    public static String rowIgnored(String firstCell) {
        return "此行以“" + firstCell + "”开头，是合计行或签名行，不作为数据读取，无需修改";
    }

    /** Appended to the message of a value that stands in a merged cell: the cell the clerk sees and can edit. */
    public static String inMergedCell(String topLeft) {
        return "（此单元格属于合并单元格，值取自 " + topLeft + "，请在 " + topLeft + " 单元格中修改）";
    }

    /** EMPTY. */
    public static String empty() {
        return "文件没有数据行";
    }

    /** TOO_MANY_INVALID: {@code thresholdPercent} is the configured share of invalid rows above which a file is rejected. */
    public static String tooManyInvalid(int invalid, int total, int thresholdPercent) {
        BigDecimal share = total == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(invalid * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP).stripTrailingZeros();
        return "共 " + total + " 行数据，其中 " + invalid + " 行有误（占 " + share.toPlainString() + "%），超过 "
                + thresholdPercent + "% 的上限，整个文件未被采用；请按逐行说明修正后重新报送";
    }

    /** UNREADABLE. */
    public static String unreadable() {
        return "文件无法读取（文件已损坏，或内容与扩展名不符），请另存为 xlsx、xls 或 csv 后重新报送";
    }

    /** NAME_INVALID. */
    public static String nameInvalid(String fileName) {
        return "文件名“" + fileName + "”不符合命名规则“单位区划代码_数据集_报送月份[_v版本号].xlsx/xls/csv”，"
                + "例如 440103_visits_2025-01.xlsx、440103_visits_2025-01_v2.csv，请改名后重新报送";
    }

    /** SUBMITTER_MISMATCH. */
    public static String submitterMismatch(String fileSubmitter, String directory) {
        return "文件名中的单位代码 " + fileSubmitter + " 与上传目录 " + directory + " 不一致，请放到本单位目录下或更正文件名后重新报送";
    }

    /** DUPLICATE_FILE. */
    public static String duplicateFile(String earlierFileName) {
        return "与已接收的文件“" + earlierFileName + "”内容完全相同，不再重复统计";
    }

    // ---- row level ----

    /** DUPLICATE_ROW: the same natural key as an earlier row of the same file. */
    public static String duplicateRowMessage(int firstRowNumber) {
        return "与第 " + firstRowNumber + " 行重复（关键信息相同），只保留第 " + firstRowNumber + " 行，请删除重复的行";
    }

    /** The name of a column in messages: its canonical header without a trailing unit such as "（元）". */
    static String label(ColumnMapping column) {
        String header = column.header();
        int open = header.lastIndexOf('（');
        return open > 0 && header.endsWith("）") ? header.substring(0, open) : header;
    }

    static String requiredMissing(String label) {
        return label + "未填写，此项必须填写";
    }

    static String regionMalformed(String label) {
        return label + "应为6位数字（国家行政区划代码），请核对后重新填写";
    }

    static String regionUnknown(String label, String code) {
        return label + " " + code + " 不存在，请按国家行政区划代码填写";
    }

    static String regionOutOfJurisdiction(String label, Region region, String submitter, String submitterName) {
        return label + " " + region.code() + "（" + region.name() + "）不属于报送单位 " + submitter
                + (submitterName == null ? "" : "（" + submitterName + "）") + " 及其下辖地区，请填写本单位或下辖地区的代码";
    }

    static String residentId(String label, ResidentIds.Problem problem, int length) {
        return switch (problem) {
            case LENGTH -> label + "应为18位，当前为" + length + "位" + (length == 15 ? "（15位旧号码不再接受，请填写18位号码）" : "")
                    + "，请核对后重新填写";
            case CHARACTERS -> label + "应由17位数字加1位数字或X组成，请核对后重新填写";
            case BIRTH_DATE -> label + "中的出生日期无效，请核对后重新填写";
            case CHECK_CHARACTER, NONE -> label + "校验位错误，请核对后重新填写";
        };
    }

    static String creditCode(String label, CreditCodes.Problem problem, int length) {
        return switch (problem) {
            case LENGTH -> label + "应为18位，当前为" + length + "位，请核对后重新填写";
            case CHARACTERS -> label + "只能由数字和大写字母组成（不含 I、O、Z、S、V），请核对后重新填写";
            case CHECK_CHARACTER, NONE -> label + "校验位错误，请核对后重新填写";
        };
    }

    /** ID_INVALID or CREDIT_CODE_INVALID for an ID that went through a number cell: what happened and how to fix it. */
    static String idFromNumberCell(String label) {
        return label + "是以数字格式保存的（显示为 4.40106E+17 这样的科学计数法）：Excel 的数字只保留15位有效数字，"
                + "后几位已经丢失，无法还原。请把该列设置为文本格式后重新录入";
    }

    static String idOrCreditCodeLength(String label, int length) {
        return label + "应为18位身份证号或18位统一社会信用代码，当前为" + length + "位，请核对后重新填写";
    }

    static String valueUnknown(String label, String typed, List<EnumValue> values) {
        return label + "“" + shown(typed) + "”不在可选范围内，请填写以下之一："
                + values.stream().map(EnumValue::label).collect(Collectors.joining("、"));
    }

    static String dateInvalid(String label, String typed) {
        return label + "“" + shown(typed) + "”不是有效日期，请按 2025-01-20、2025/1/20 或 2025年1月20日 的格式填写";
    }

    static String dateWithoutYear(String label, String typed) {
        return label + "“" + shown(typed) + "”缺少年份，请填写完整的日期，如 2025年1月9日 或 2025-01-09"
                + "（单元格格式只显示月日时，另存为 CSV 会丢掉年份）";
    }

    static String dateOutOfPeriod(String label, LocalDate date, YearMonth period) {
        return label + " " + date + " 不在报送月份 " + period + " 内";
    }

    static String numberInvalid(String label, String typed) {
        return label + "“" + shown(typed) + "”不是有效数字，请只填写数字（可带千分位逗号）";
    }

    static String inTenThousands(String label, String typed, BigDecimal yuan) {
        return label + "“" + shown(typed) + "”以“万”为单位，金额一律以元为单位填写，请填写 " + yuan.toPlainString();
    }

    static String tooManyDecimals(String label) {
        return label + "最多保留两位小数";
    }

    static String notWhole(String label, String typed) {
        return label + "“" + shown(typed) + "”应为整数，请不要填写小数";
    }

    static String belowMinimum(String label, BigDecimal minimum, BigDecimal value) {
        return minimum.signum() == 0 ? label + "不能为负数，当前为 " + value.toPlainString()
                : label + "至少为 " + minimum.toPlainString() + "，当前为 " + value.toPlainString();
    }

    /** A typed value quoted in a message, every run of 15 or more digits (with a trailing X) in it masked like a resident ID. */
    static String shown(String typed) {
        StringBuilder shown = null;
        int n = typed.length();
        for (int start = 0; start < n; start++) {
            int end = start;
            while (end < n && ValueParsers.isDigit(typed.charAt(end))) {
                end++;
            }
            if (end < n && end - start == 17 && (typed.charAt(end) == 'X' || typed.charAt(end) == 'x')) {
                end++;
            }
            if (end - start >= 15) {
                shown = (shown == null ? new StringBuilder(typed) : shown).replace(start, end, ResidentIds.mask(typed.substring(start, end)));
            }
            start = Math.max(start, end);
        }
        return shown == null ? typed : shown.toString();
    }

    static String overCap(String label, String capLabel, BigDecimal cap) {
        return label + "超过“" + capLabel + "”每笔上限 " + String.format(Locale.ROOT, "%,.2f", cap) + " 元";
    }
}
