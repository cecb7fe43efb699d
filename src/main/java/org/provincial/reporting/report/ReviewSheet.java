package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.checks.CheckWarning;
import org.provincial.reporting.checks.Checks;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.EnumValue;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.WorkbookStyles.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sheet {@code 复核}: every CONFLICT of the province and period — two copies of one record whose values differ —
 * with the record's natural key (resident IDs masked), the copy counted and the copy set aside (submitter, file,
 * row number) and, for each differing column, both values. Read from the staged rows, generically per dataset.
 * Below them, the warnings of the checks across fields and months ({@link Checks}).
 */
@Component
class ReviewSheet {

    static final String NAME = "复核";

    static final List<String> HEADER = List.of("序号", "数据", "记录（自然键）", "差异字段", "采用：报送单位", "采用：文件", "采用：行号",
            "采用值", "未采用：报送单位", "未采用：文件", "未采用：行号", "未采用值");

    static final List<String> CHECKS_HEADER = List.of("序号", "重要性", "规则", "地区", "数值", "说明");

    private final NamedParameterJdbcTemplate jdbc;
    private final DatasetMappings mappings;
    private final RegionReference regions;
    private final Checks checks;
    private final String query;

    ReviewSheet(DataSource dataSource, DatasetMappings mappings, RegionReference regions, Checks checks) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(500);
        this.jdbc = new NamedParameterJdbcTemplate(streaming);
        this.mappings = mappings;
        this.regions = regions;
        this.checks = checks;
        this.query = query(mappings);
    }

    void write(SXSSFWorkbook workbook, WorkbookStyles styles, String provinceName, ReportPeriod period) {
        SXSSFSheet sheet = workbook.createSheet(NAME);
        styles.label(sheet.createRow(0), 0, provinceName + period.label() + "重复记录取值不一致复核", styles.title);
        styles.label(sheet.createRow(1), 0, "同一记录被多个单位报送且取值不同：已采用最具体单位的副本（县区优先于地市，同级以后收到的为准），"
                + "另一副本未计入。请与报送单位核实。", styles.note);
        Row header = sheet.createRow(2);
        header.setHeightInPoints(30);
        for (int i = 0; i < HEADER.size(); i++) {
            styles.label(header, i, HEADER.get(i), styles.header);
        }
        int[] widths = {6, 12, 40, 16, 18, 30, 10, 30, 18, 30, 10, 30};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.createFreezePane(0, 3);
        sheet.setAutoFilter(new CellRangeAddress(2, 2, 0, HEADER.size() - 1));
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);

        int[] rowIndex = {3};
        jdbc.query(query, new MapSqlParameterSource("province", period.province())
                .addValue("periods", period.months().toArray(String[]::new)), rs -> {
            int index = rowIndex[0]++;
            Row row = sheet.createRow(index);
            DatasetMapping dataset = mappings.get(rs.getString(1));
            List<String> differing = List.of(rs.getString(2).split(","));
            String[] key = strings(rs.getArray(9));
            String[] winner = strings(rs.getArray(10));
            String[] loser = strings(rs.getArray(11));
            styles.figure(row, 0, BigDecimal.valueOf(index - 2), Kind.COUNT, false);
            styles.label(row, 1, dataset.title(), styles.text);
            List<String> keyParts = new ArrayList<>();
            for (int i = 0; i < key.length; i++) {
                keyParts.add(shown(dataset.column(dataset.naturalKey().get(i)).orElseThrow(), key[i]));
            }
            styles.submitted(row, 2, String.join(" / ", keyParts));
            styles.label(row, 3, differing.stream().map(column -> header(dataset, column)).collect(Collectors.joining("、")),
                    styles.text);
            styles.submitted(row, 4, submitter(rs.getString(3)));
            styles.submitted(row, 5, rs.getString(4));
            styles.figure(row, 6, rs.getBigDecimal(5), Kind.COUNT, false);
            styles.submitted(row, 7, values(dataset, differing, winner));
            styles.submitted(row, 8, submitter(rs.getString(6)));
            styles.submitted(row, 9, rs.getString(7));
            styles.figure(row, 10, rs.getBigDecimal(8), Kind.COUNT, false);
            styles.submitted(row, 11, values(dataset, differing, loser));
        });
        if (rowIndex[0] == 3) {
            styles.label(sheet.createRow(3), 0, "本期没有需要复核的冲突。", styles.text);
            rowIndex[0]++;
        }
        writeChecks(sheet, styles, period, rowIndex[0] + 1);
    }

    /**
     * The checks section from row {@code first}: each warning of the period's months (one month, or each month of a
     * range in order) with its importance, rule, region, figures and message.
     */
    private void writeChecks(SXSSFSheet sheet, WorkbookStyles styles, ReportPeriod period, int first) {
        List<CheckWarning> warnings = period.months().stream()
                .flatMap(month -> checks.find(period.province(), month).stream()).toList();
        styles.label(sheet.createRow(first), 0, "跨字段、跨数据与历史核查", styles.title);
        styles.label(sheet.createRow(first + 1), 0, "以下为提示，数据仍计入汇总。规则见 mappings/checks.yaml；请与报送单位核实。",
                styles.note);
        Row header = sheet.createRow(first + 2);
        for (int i = 0; i < CHECKS_HEADER.size(); i++) {
            styles.label(header, i, CHECKS_HEADER.get(i), styles.header);
        }
        int index = first + 3;
        for (CheckWarning warning : warnings) {
            Row row = sheet.createRow(index);
            styles.figure(row, 0, BigDecimal.valueOf(index - first - 2), Kind.COUNT, false);
            styles.label(row, 1, warning.importance(), styles.text);
            styles.label(row, 2, warning.ruleName(), styles.text);
            String region = warning.regionCode() == null ? warning.submitter()
                    : warning.regionName() + "（" + warning.regionCode() + "）";
            styles.submitted(row, 3, region);
            styles.label(row, 4, warning.figures().entrySet().stream()
                    .map(figure -> figureLabel(figure.getKey()) + "：" + (figure.getValue() == null ? "（空）"
                            : figure.getValue().toPlainString()))
                    .collect(Collectors.joining("；")), styles.text);
            styles.submitted(row, 5, warning.message());
            index++;
        }
        if (warnings.isEmpty()) {
            styles.label(sheet.createRow(index), 0, "本期核查没有发现需要核实的数据。", styles.text);
        }
    }

    /** {@code welfare.raised_yuan} as its column label 筹集送温暖资金（元）; an outlier's median as 前几个月中位数. */
    private static String figureLabel(String figure) {
        if ("median".equals(figure)) {
            return "前几个月中位数";
        }
        return MeasureLabels.BY_KEY.getOrDefault(figure.replace('.', '/'), figure);
    }

    /**
     * One branch per dataset, all in one statement: each conflict with both submissions and the natural key columns
     * of the counted copy, and the conflict columns of both copies, as text arrays in the mapping's order.
     */
    private static String query(DatasetMappings mappings) {
        List<String> branches = new ArrayList<>();
        int position = 0;
        for (DatasetMapping dataset : mappings.all()) {
            String key = dataset.naturalKey().stream().map(column -> text(dataset, "w", column)).collect(Collectors.joining(", "));
            Map<String, String> sides = new LinkedHashMap<>();
            for (String side : List.of("w", "l")) {
                sides.put(side, dataset.conflictColumns().stream().map(column -> text(dataset, side, column))
                        .collect(Collectors.joining(", ")));
            }
            branches.add("""
                    select c.dataset, c.differing_columns, ws.submitter, ws.file_name, c.winner_row_no,
                           ls.submitter, ls.file_name, c.loser_row_no,
                           array[%s]::text[], array[%s]::text[], array[%s]::text[],
                           %d as position, c.period, c.natural_key, c.id
                    from conflict c
                    join submission ws on ws.id = c.winner_submission_id
                    join submission ls on ls.id = c.loser_submission_id
                    join %s w on w.submission_id = c.winner_submission_id and w.row_no = c.winner_row_no
                    join %5$s l on l.submission_id = c.loser_submission_id and l.row_no = c.loser_row_no
                    where c.province = :province and c.period = any(cast(:periods as bpchar[])) and c.dataset = '%s'
                    """.formatted(key, sides.get("w"), sides.get("l"), position++, dataset.stageTable(), dataset.dataset()));
        }
        return String.join("union all\n", branches) + "order by position, period, natural_key, id";
    }

    /**
     * A staged column as text: dates in ISO form, money with its 2 decimals, codes without padding, resident IDs
     * masked (their own column holds only the keyed hash).
     */
    private static String text(DatasetMapping dataset, String side, String column) {
        ColumnMapping mapping = dataset.column(column).orElseThrow();
        return switch (mapping.type()) {
            case DATE -> "to_char(%s.%s, 'YYYY-MM-DD')".formatted(side, column);
            case REGION -> "trim(%s.%s)".formatted(side, column);
            case RESIDENT_ID, RESIDENT_ID_OR_CREDIT_CODE -> "%s.%s".formatted(side, mapping.maskedKey());
            default -> "%s.%s::text".formatted(side, column);
        };
    }

    /** A value as staff read it: enumerated keys as their Chinese label, region codes with the name. */
    private String shown(ColumnMapping column, String value) {
        if (value == null) {
            return "";
        }
        return switch (column.type()) {
            case ENUM -> column.value(value).map(EnumValue::label).orElse(value);
            case REGION -> regions.find(value).map(r -> value + " " + r.name()).orElse(value);
            default -> value;
        };
    }

    /** The differing columns' values of one copy: {@code 慰问金额（元）：100.00；行政区划代码：440103 荔湾区}. */
    private String values(DatasetMapping dataset, List<String> differing, String[] values) {
        return differing.stream()
                .map(column -> header(dataset, column) + "："
                        + shown(dataset.column(column).orElseThrow(), values[dataset.conflictColumns().indexOf(column)]))
                .collect(Collectors.joining("；"));
    }

    private static String header(DatasetMapping dataset, String column) {
        return dataset.column(column).map(ColumnMapping::header).orElse(column);
    }

    private String submitter(String code) {
        return regions.find(code).map(Region::name).map(name -> name + "（" + code + "）").orElse(code);
    }

    private static String[] strings(Array array) throws SQLException {
        try {
            return (String[]) array.getArray();
        }
        finally {
            array.free();
        }
    }
}
