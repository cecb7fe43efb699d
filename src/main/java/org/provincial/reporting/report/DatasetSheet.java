package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.EnumValue;
import org.provincial.reporting.report.WorkbookStyles.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sheet of one dataset's totals (慰问, 补助, 集体合同, 送温暖资金): one column per measure and breakdown key, the
 * province total first, then each city with its counties grouped beneath it (collapsed, the city expandable).
 */
@Component
class DatasetSheet {

    /** The Chinese column label of every measure of SPEC §6, keyed by {@code dataset/measure}. */
    static final Map<String, String> MEASURE_LABELS = Map.ofEntries(
            Map.entry("visits/person_visits", "慰问人次"),
            Map.entry("visits/distinct_persons", "慰问人数（去重）"),
            Map.entry("visits/amount_yuan", "慰问金额（元）"),
            Map.entry("subsidies/payments", "补助人次"),
            Map.entry("subsidies/distinct_recipients", "受助对象数（去重）"),
            Map.entry("subsidies/amount_yuan", "补助金额（元）"),
            Map.entry("contracts/contracts", "集体合同（份）"),
            Map.entry("contracts/workers_covered", "覆盖职工（人）"),
            Map.entry("contracts/enterprises_with_contract", "已签订企业（家）"),
            Map.entry("contracts/enterprises_required", "应建制企业（家）"),
            Map.entry("contracts/establishment_rate", "建制率"),
            Map.entry("welfare/raised_yuan", "筹集送温暖资金（元）"),
            Map.entry("welfare/disbursed_yuan", "发放送温暖资金（元）"),
            Map.entry("welfare/internal_transfer_yuan", "上级工会拨付（元）"));

    /** Rows above the figures: the title and two header rows (measure, then total or breakdown key). */
    static final int HEADER_ROWS = 3;

    /** Columns before the figures: region code and name. */
    static final int LEADING_COLUMNS = 2;

    private final JdbcTemplate jdbc;
    private final DatasetMappings mappings;

    DatasetSheet(DataSource dataSource, DatasetMappings mappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.mappings = mappings;
    }

    /** The sheet of {@code dataset} (visits, subsidies, contracts or welfare), named after its mapping's title. */
    void write(SXSSFWorkbook workbook, WorkbookStyles styles, String provinceName, String province, String period,
            String dataset) {
        DatasetMapping mapping = mappings.get(dataset);
        List<MeasureDefinition> columns = TotalsCalculator.catalogue(mappings).stream()
                .filter(m -> m.dataset().equals(dataset))
                .toList();
        SXSSFSheet sheet = workbook.createSheet(mapping.title());
        styles.label(sheet.createRow(0), 0,
                provinceName + WorkbookStyles.periodLabel(period) + mapping.title() + "情况统计表", styles.title);
        writeHeader(sheet, styles, mapping, columns);
        sheet.createFreezePane(LEADING_COLUMNS, HEADER_ROWS);
        sheet.setRowSumsBelow(false);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);

        String[] figures = columns.stream().map(m -> m.measure() + "|" + m.breakdown()).toArray(String[]::new);
        SXSSFRow[] city = {null};
        int[] rowIndex = {HEADER_ROWS};
        jdbc.query("""
                select r.code, r.name, r.level,
                       array(select t.value
                             from unnest(cast(? as text[])) with ordinality as k(figure, position)
                             left join period_total t
                                    on (t.province, t.period, t.dataset, t.region_code) = (?, ?, ?, r.code)
                                   and t.measure || '|' || t.breakdown = k.figure
                             order by k.position) as figures
                from region r
                where r.province_code = ?
                order by case r.level when 'province' then '' when 'city' then r.code else r.parent_code end, r.rank, r.code
                """, rs -> {
            int index = rowIndex[0]++;
            SXSSFRow row = sheet.createRow(index);
            String level = rs.getString(3);
            boolean county = level.equals("county");
            String name = level.equals("province") ? rs.getString(2) + "合计" : rs.getString(2);
            styles.label(row, 0, rs.getString(1).trim(), county ? styles.text : styles.boldText);
            styles.label(row, 1, name, county ? styles.indentedText : styles.boldText);
            BigDecimal[] values = values(rs.getArray(4));
            for (int i = 0; i < values.length; i++) {
                styles.figure(row, LEADING_COLUMNS + i, values[i], Kind.of(columns.get(i).measure()), !county);
            }
            if (county) {
                sheet.setRowOutlineLevel(index, 1);
                row.setZeroHeight(true);
                city[0].setCollapsed(true);
            }
            else {
                city[0] = row;
            }
        }, figures, province, period, dataset, province);
    }

    /**
     * Two header rows: each measure's label over its columns (spanning both rows when it has no breakdown), then
     * 合计 and the Chinese label of each breakdown key; each column wide enough for its figures and its label.
     */
    private static void writeHeader(SXSSFSheet sheet, WorkbookStyles styles, DatasetMapping mapping,
            List<MeasureDefinition> columns) {
        Row measures = sheet.createRow(1);
        Row breakdowns = sheet.createRow(2);
        measures.setHeightInPoints(30);
        breakdowns.setHeightInPoints(30);
        sheet.setColumnWidth(0, 10 * 256);
        sheet.setColumnWidth(1, 24 * 256);
        for (int column = 0; column < LEADING_COLUMNS; column++) {
            styles.label(measures, column, column == 0 ? "行政区划代码" : "地区", styles.header);
            styles.label(breakdowns, column, "", styles.header);
            sheet.addMergedRegion(new CellRangeAddress(1, 2, column, column));
        }
        int first = 0;
        while (first < columns.size()) {
            MeasureDefinition measure = columns.get(first);
            int last = first;
            while (last + 1 < columns.size() && columns.get(last + 1).measure().equals(measure.measure())) {
                last++;
            }
            String measureLabel = MEASURE_LABELS.get(measure.dataset() + "/" + measure.measure());
            for (int i = first; i <= last; i++) {
                int column = LEADING_COLUMNS + i;
                String breakdown = columns.get(i).breakdown();
                String breakdownLabel = last == first ? "" : breakdown.isEmpty() ? "合计" : breakdownLabel(mapping, breakdown);
                styles.label(measures, column, measureLabel, styles.header);
                styles.label(breakdowns, column, breakdownLabel, styles.header);
                int figures = Kind.of(measure.measure()) == Kind.MONEY ? 16 : 11;
                int label = WorkbookStyles.width(breakdownLabel.isEmpty() ? measureLabel : breakdownLabel);
                sheet.setColumnWidth(column, Math.max(figures, Math.min(20, label)) * 256);
            }
            sheet.addMergedRegion(last == first
                    ? new CellRangeAddress(1, 2, LEADING_COLUMNS + first, LEADING_COLUMNS + first)
                    : new CellRangeAddress(1, 1, LEADING_COLUMNS + first, LEADING_COLUMNS + last));
            first = last + 1;
        }
    }

    /** The Chinese label of a breakdown key: the canonical spelling of that value in the dataset's enumerated columns. */
    static String breakdownLabel(DatasetMapping mapping, String key) {
        return mapping.columns().stream()
                .filter(column -> column.type() == ColumnType.ENUM)
                .map(ColumnMapping::values)
                .flatMap(List::stream)
                .filter(value -> value.key().equals(key))
                .map(EnumValue::label)
                .findFirst()
                .orElse(key);
    }

    private static BigDecimal[] values(Array array) throws SQLException {
        try {
            return (BigDecimal[]) array.getArray();
        }
        finally {
            array.free();
        }
    }
}
