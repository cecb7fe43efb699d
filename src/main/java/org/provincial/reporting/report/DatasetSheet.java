package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.report.WorkbookStyles.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sheet of one dataset's totals (慰问, 补助, 集体合同, 送温暖资金): one column per measure and breakdown key, the
 * province total first, then each city with its counties grouped beneath it (collapsed, the city expandable).
 */
@Component
public class DatasetSheet {

    /** Rows above the figures: the title and two header rows (measure, then total or breakdown key). */
    static final int HEADER_ROWS = 3;

    /** The columns of each measure's comparisons, right of the figures. */
    static final List<String> COMPARISON_LABELS = List.of("上期", "增减%", "去年同期", "同比增减%");

    /** Columns before the figures: region code and name. */
    static final int LEADING_COLUMNS = 2;

    private final JdbcTemplate jdbc;
    private final DatasetMappings mappings;

    DatasetSheet(DataSource dataSource, DatasetMappings mappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.mappings = mappings;
    }

    /**
     * The sheet of {@code dataset} (visits, subsidies, contracts or welfare), named after its mapping's title; right
     * of its figures, each measure's total beside that of the period before and a year earlier, with the change.
     */
    void write(SXSSFWorkbook workbook, WorkbookStyles styles, String provinceName, ReportPeriod period, String dataset) {
        DatasetMapping mapping = mappings.get(dataset);
        List<MeasureDefinition> columns = TotalsCalculator.catalogue(mappings).stream()
                .filter(m -> m.dataset().equals(dataset))
                .toList();
        List<MeasureDefinition> compared = columns.stream().filter(m -> m.breakdown().isEmpty()).toList();
        SXSSFSheet sheet = workbook.createSheet(mapping.title());
        styles.label(sheet.createRow(0), 0, provinceName + period.label() + mapping.title() + "情况统计表", styles.title);
        writeHeader(sheet, styles, mapping, columns);
        writeComparisonHeader(sheet, styles, compared, LEADING_COLUMNS + columns.size());
        sheet.createFreezePane(LEADING_COLUMNS, HEADER_ROWS);
        sheet.setRowSumsBelow(false);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);

        String[] figures = columns.stream().map(m -> m.measure() + "|" + m.breakdown()).toArray(String[]::new);
        String[] totals = compared.stream().map(m -> m.measure() + "|").toArray(String[]::new);
        SXSSFRow[] city = {null};
        int[] rowIndex = {HEADER_ROWS};
        jdbc.query("""
                select r.code, r.name, r.level,
                       array(select t.value
                             from unnest(cast(? as text[])) with ordinality as k(figure, position)
                             left join period_total t
                                    on (t.province, t.period, t.dataset, t.region_code) = (?, ?, ?, r.code)
                                   and t.measure || '|' || t.breakdown = k.figure
                             order by k.position) as figures,
                       array(select t.value
                             from unnest(cast(? as text[])) with ordinality as k(figure, position)
                             left join period_total t
                                    on (t.province, t.period, t.dataset, t.region_code) = (?, cast(? as text), ?, r.code)
                                   and t.measure || '|' || t.breakdown = k.figure
                             order by k.position) as previous,
                       array(select t.value
                             from unnest(cast(? as text[])) with ordinality as k(figure, position)
                             left join period_total t
                                    on (t.province, t.period, t.dataset, t.region_code) = (?, cast(? as text), ?, r.code)
                                   and t.measure || '|' || t.breakdown = k.figure
                             order by k.position) as year_ago
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
            BigDecimal[] previous = values(rs.getArray(5));
            BigDecimal[] yearAgo = values(rs.getArray(6));
            int column = LEADING_COLUMNS + values.length;
            for (int i = 0; i < previous.length; i++) {
                Kind kind = Kind.of(compared.get(i).measure());
                BigDecimal value = values[columns.indexOf(compared.get(i))];
                styles.figure(row, column++, previous[i], kind, !county);
                styles.change(row, column++, value, previous[i]);
                styles.figure(row, column++, yearAgo[i], kind, !county);
                styles.change(row, column++, value, yearAgo[i]);
            }
            if (county) {
                sheet.setRowOutlineLevel(index, 1);
                row.setZeroHeight(true);
                city[0].setCollapsed(true);
            }
            else {
                city[0] = row;
            }
        }, figures, period.province(), period.key(), dataset, totals, period.province(), period.previous(), dataset,
                totals, period.province(), period.yearAgo(), dataset, period.province());
    }

    /**
     * The comparison columns' two header rows: each measure's label over its four columns, then 上期, 增减%, 去年同期 and
     * 同比增减%; the values of a period without a completed run stay empty.
     */
    private static void writeComparisonHeader(SXSSFSheet sheet, WorkbookStyles styles, List<MeasureDefinition> compared,
            int firstColumn) {
        Row measures = sheet.getRow(1);
        Row labels = sheet.getRow(2);
        int column = firstColumn;
        for (MeasureDefinition measure : compared) {
            String measureLabel = MeasureLabels.BY_KEY.get(measure.dataset() + "/" + measure.measure());
            for (int i = 0; i < COMPARISON_LABELS.size(); i++) {
                styles.label(measures, column + i, measureLabel, styles.header);
                styles.label(labels, column + i, COMPARISON_LABELS.get(i), styles.header);
                sheet.setColumnWidth(column + i, (i % 2 == 0 ? Kind.of(measure.measure()) == Kind.MONEY ? 16 : 11 : 10) * 256);
            }
            sheet.addMergedRegion(new CellRangeAddress(1, 1, column, column + COMPARISON_LABELS.size() - 1));
            column += COMPARISON_LABELS.size();
        }
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
            String measureLabel = MeasureLabels.BY_KEY.get(measure.dataset() + "/" + measure.measure());
            for (int i = first; i <= last; i++) {
                int column = LEADING_COLUMNS + i;
                String breakdown = columns.get(i).breakdown();
                String breakdownLabel = last == first ? "" : breakdown.isEmpty() ? "合计" : MeasureLabels.breakdown(mapping, breakdown);
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

    private static BigDecimal[] values(Array array) throws SQLException {
        try {
            return (BigDecimal[]) array.getArray();
        }
        finally {
            array.free();
        }
    }
}
