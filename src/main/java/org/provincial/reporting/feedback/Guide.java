package org.provincial.reporting.feedback;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.provincial.reporting.checks.Checks;
import org.provincial.reporting.feedback.Guidance.Line;
import org.provincial.reporting.jobs.JobDefinition;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;

import org.springframework.stereotype.Component;

/**
 * Explains a submitter's files of a month in plain Chinese (the {@link Guidance}): each dataset's state decided by its
 * latest file, what to do next with the exact name of the next version, the deadline and contact of the job, and the
 * checks' warnings about its files, its region's history and its silence, to verify.
 */
@Component
class Guide {

    /** The order files of a dataset take: SPEC §5's "latest version" is the last. */
    private static final Comparator<SubmittedFile> VERSIONS = Comparator
            .comparing(SubmittedFile::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(SubmittedFile::receivedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(SubmittedFile::id);

    static final String NO_DATASET = "其他文件";

    private final DatasetMappings mappings;
    private final RegionReference regions;
    private final JobDefinitions jobs;
    private final Checks checks;

    Guide(DatasetMappings mappings, RegionReference regions, JobDefinitions jobs, Checks checks) {
        this.mappings = mappings;
        this.regions = regions;
        this.jobs = jobs;
        this.checks = checks;
    }

    /**
     * The guidance for {@code files}, all of one submitter, with {@code reasons} the whole-file rejection messages of
     * each file by its id (IDs masked).
     */
    Guidance explain(String province, String submitter, String period, List<SubmittedFile> files,
            Map<Long, List<String>> reasons) {
        String name = regions.find(submitter).map(Region::name).map(n -> n + "（" + submitter + "）").orElse(submitter);
        String month = periodLabel(period);
        List<String> facts = new ArrayList<>(List.of("报送单位：" + name, "报送月份：" + month));
        Optional<JobDefinition> job = jobs.forProvince(province);
        job.flatMap(j -> j.deadlineFor(YearMonth.parse(period))).ifPresent(day -> facts.add("报送截止：" + dateLabel(day)));
        job.map(JobDefinition::contact).ifPresent(contact -> facts.add("联系人：" + contact));

        List<Line> lines = new ArrayList<>();
        List<State> datasetStates = new ArrayList<>();
        String example = null;
        for (String dataset : DatasetMappings.DATASETS) {
            List<SubmittedFile> own = files.stream()
                    .filter(f -> dataset.equals(f.dataset()) && !isMisplaced(f)).sorted(VERSIONS).toList();
            Lines explained = explainDataset(submitter, period, dataset, own, reasons);
            lines.addAll(explained.lines());
            datasetStates.add(explained.lines().get(0).state());
            if (example == null && explained.lines().get(0).state().needsAction()) {
                example = explained.next();
            }
        }
        List<State> otherStates = new ArrayList<>();
        for (SubmittedFile file : files) {
            if (file.dataset() == null || isMisplaced(file)) {
                State state = State.of(file);
                Map<String, String> fileFacts = facts(submitter, file, reasons);
                lines.add(new Line(NO_DATASET, file.fileName(), state, state.situation(fileFacts),
                        state.nextStep(fileFacts)));
                otherStates.add(state);
            }
        }
        List<String> reviews = checks.concerning(province, period, submitter).stream()
                .map(warning -> "【" + warning.ruleName() + "】" + warning.message() + "（重要性：" + warning.importance() + "）")
                .toList();
        return new Guidance(name + month + "数据报送反馈", facts, verdict(datasetStates, otherStates, reviews.size()),
                lines, rules(submitter, period, example != null ? example : submitter + "_visits_" + period + "_v2.xlsx"),
                reviews);
    }

    /** The lines of one dataset: its state decided by the latest file that is not a duplicate, then its other files. */
    private Lines explainDataset(String submitter, String period, String dataset, List<SubmittedFile> own,
            Map<Long, List<String>> reasons) {
        String title = mappings.get(dataset).title();
        if (own.isEmpty()) {
            String next = submitter + "_" + dataset + "_" + period + ".xlsx";
            Map<String, String> facts = Map.of("next", next);
            return new Lines(List.of(new Line(title, "", State.NOT_RECEIVED, State.NOT_RECEIVED.situation(facts),
                    State.NOT_RECEIVED.nextStep(facts))), next);
        }
        List<SubmittedFile> versions = own.stream().filter(f -> State.of(f) != State.DUPLICATE).toList();
        SubmittedFile current = versions.isEmpty() ? own.get(own.size() - 1) : versions.get(versions.size() - 1);
        Optional<SubmittedFile> counted = own.stream().filter(SubmittedFile::counted).findFirst();
        int highest = own.stream().map(SubmittedFile::version).filter(v -> v != null).max(Integer::compare).orElse(1);
        String next = submitter + "_" + dataset + "_" + period + "_v" + (highest + 1) + extension(current.fileName());

        List<Line> lines = new ArrayList<>();
        for (SubmittedFile file : reorder(own, current)) {
            Map<String, String> facts = facts(submitter, file, reasons);
            facts.put("next", next);
            facts.put("replacement", counted.orElse(current).fileName());
            facts.put("outcome", counted.map(c -> "本月仍采用此前的 " + c.fileName()).orElse("本月此项数据未计入"));
            facts.put("laterReturned", file != current && file.counted()
                    ? "；其后的 " + current.fileName() + " 被整份退回，本月仍采用本文件" : "");
            State state = file == current || file.counted() ? State.of(file)
                    : State.of(file) == State.DUPLICATE ? State.DUPLICATE : State.SUPERSEDED;
            lines.add(new Line(title, file.fileName(), state, state.situation(facts), state.nextStep(facts)));
        }
        return new Lines(lines, next);
    }

    /** The file deciding the state first, then the others in the order they came. */
    private static List<SubmittedFile> reorder(List<SubmittedFile> own, SubmittedFile current) {
        List<SubmittedFile> ordered = new ArrayList<>();
        ordered.add(current);
        own.stream().filter(f -> f != current).forEach(ordered::add);
        return ordered;
    }

    private static Map<String, String> facts(String submitter, SubmittedFile file, Map<Long, List<String>> reasons) {
        Map<String, String> facts = new HashMap<>();
        facts.put("submitter", submitter);
        facts.put("file", file.fileName());
        facts.put("read", String.valueOf(file.rowsRead()));
        facts.put("accepted", String.valueOf(file.rowsAccepted()));
        facts.put("rejected", String.valueOf(file.rowsRejected()));
        facts.put("reasons", String.join("；", reasons.getOrDefault(file.id(), List.of())));
        return facts;
    }

    /** Files whose name names another submitter belong to no dataset of this one. */
    private static boolean isMisplaced(SubmittedFile file) {
        return "SUBMITTER_MISMATCH".equals(file.status()) || "NAME_INVALID".equals(file.status());
    }

    /** Counts the datasets by state, says whether anything has to be sent again and how much to verify. */
    private static String verdict(List<State> datasets, List<State> otherFiles, int reviews) {
        Map<State, Long> counted = datasets.stream()
                .collect(Collectors.groupingBy(state -> state, () -> new EnumMap<>(State.class), Collectors.counting()));
        String counts = counted.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue() + " 项")
                .collect(Collectors.joining("，"));
        long toDo = datasets.stream().filter(State::needsAction).count()
                + otherFiles.stream().filter(State::needsAction).count();
        return "本月结论：" + counts + "。" + (toDo == 0 ? "收到的数据无需改正，不用重新报送。"
                : "有 " + toDo + " 项需要改正后重新报送，请按下表“下一步”办理。")
                + (reviews == 0 ? "" : "另有 " + reviews + " 条提示请核实（见“" + Guidance.REVIEWS_HEADING
                        + "”），相关数据仍计入汇总。");
    }

    private static List<String> rules(String submitter, String period, String example) {
        return List.of(
                "新版本整份替代旧版本：重新报送时，文件里要有本月该项的全部数据（包括已采用的行），不能只报被退回的行；"
                        + "新版本采用后，旧版本的行全部不再计入。",
                "文件名：单位代码_数据集_报送月份_v版本号.扩展名，如 " + example
                        + "；版本号要比已收到的最高版本大（上表“下一步”已写出完整文件名），扩展名用 xlsx、xls 或 csv。",
                "整份退回的文件不算一个版本，此前已采用的版本仍然有效；内容与已收到文件完全相同的文件不会重复计入。",
                "“退回明细”按文件和行号列出每个问题，行号就是在 Excel 中看到的行号，身份证号只显示前 6 位和后 4 位；"
                        + "附有“-批注.xlsx”副本的，其中出错的单元格已标红并附说明。",
                "文件上传到 FTP 服务器上本单位的目录 /" + submitter + "/；本反馈另有文本版 " + submitter + "-" + period
                        + ".txt，可用记事本打开。");
    }

    /** {@code 2025-01} as {@code 2025年1月}. */
    static String periodLabel(String period) {
        YearMonth month = YearMonth.parse(period);
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    private static String dateLabel(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    /** The extension of a file name with its dot, as typed. */
    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(dot) : ".xlsx";
    }

    /** The lines of a dataset and the name of its next version. */
    private record Lines(List<Line> lines, String next) {
    }
}
