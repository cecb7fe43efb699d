package org.provincial.reporting.feedback;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of a dataset or a file in a submitter's feedback, with the sentences the 说明 says about it: what happened
 * (情况) and what to do next (下一步), their {@code {placeholders}} filled from the file's facts. A new state is one
 * more constant.
 */
enum State {

    ACCEPTED("已采用", "共 {read} 行，全部采用{laterReturned}", "无需处理"),
    PARTLY_RETURNED("部分行被退回", "共 {read} 行，采用 {accepted} 行，退回 {rejected} 行（见“退回明细”）{laterReturned}",
            "改正“退回明细”中的 {rejected} 行，连同已采用的 {accepted} 行，把本月全部数据存为 {next} 重新报送"),
    RETURNED("整份退回", "整份未采用：{reasons}；{outcome}", "按上述原因改正后，把本月全部数据存为 {next} 重新报送"),
    NOT_RECEIVED("未收到", "本月未收到此项数据", "如本月有此项数据，请存为 {next} 报送（也可用 xls 或 csv 格式）"),
    SUPERSEDED("被新版本替代", "已由 {replacement} 替代，本文件的行不再计入", "无需处理"),
    DUPLICATE("重复文件", "{reasons}", "无需处理"),
    NAME_INVALID("文件名不规范", "{reasons}", "按上述命名规则改名后，重新上传到本单位目录 /{submitter}/"),
    SUBMITTER_MISMATCH("报送单位不符", "{reasons}", "放到本单位目录 /{submitter}/ 下，或更正文件名中的单位代码后重新上传"),
    LEFT("仍在上传，留待下次收取", "收取时文件的大小或修改时间仍在变化，应是尚未上传完成，本次未收取",
            "确认上传已完成即可，下次运行会自动收取，无需重新上传"),
    PENDING("待处理", "尚未处理完毕", "无需处理，下次反馈将给出结果");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final String label;
    private final String situation;
    private final String nextStep;

    State(String label, String situation, String nextStep) {
        this.label = label;
        this.situation = situation;
        this.nextStep = nextStep;
    }

    /** What became of one file on its own, as the file list shows it. */
    static State of(SubmittedFile file) {
        return switch (file.status()) {
            case "ACCEPTED" -> !file.counted() ? SUPERSEDED
                    : file.rowsRejected() != null && file.rowsRejected() > 0 ? PARTLY_RETURNED : ACCEPTED;
            case "REJECTED" -> RETURNED;
            case "DUPLICATE_FILE" -> DUPLICATE;
            case "NAME_INVALID" -> NAME_INVALID;
            case "SUBMITTER_MISMATCH" -> SUBMITTER_MISMATCH;
            case "LEFT" -> LEFT;
            default -> PENDING;
        };
    }

    String label() {
        return label;
    }

    /** Whether the submitter has to correct and send something again. */
    boolean needsAction() {
        return this == PARTLY_RETURNED || this == RETURNED || this == NAME_INVALID || this == SUBMITTER_MISMATCH;
    }

    String situation(Map<String, String> facts) {
        return fill(situation, facts);
    }

    String nextStep(Map<String, String> facts) {
        return fill(nextStep, facts);
    }

    private static String fill(String template, Map<String, String> facts) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String fact = facts.get(matcher.group(1));
            if (fact == null) {
                throw new IllegalStateException("No " + matcher.group(1) + " for the sentence “" + template + "”");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(fact));
        }
        return matcher.appendTail(filled).toString();
    }
}
