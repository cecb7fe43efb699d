package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.util.List;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.DatasetMappings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sheet {@code data}: the totals in long form, one row per figure, for pivot tables and checks. Rows go
 * dataset by dataset, then region by region (the province, each city followed by its counties), then measure.
 */
@Component
class DataSheet {

    static final String NAME = "data";
    static final List<String> HEADER =
            List.of("period", "dataset", "region_code", "region_name", "level", "measure", "breakdown", "value");

    private final JdbcTemplate jdbc;
    private final DatasetMappings mappings;

    DataSheet(DataSource dataSource, DatasetMappings mappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2000); // streams the figures instead of loading them all
        this.mappings = mappings;
    }

    void write(SXSSFWorkbook workbook, String province, String period) {
        SXSSFSheet sheet = workbook.createSheet(NAME);
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADER.size(); i++) {
            header.createCell(i).setCellValue(HEADER.get(i));
        }
        CellStyle money = numberStyle(workbook, "0.00");
        CellStyle rate = numberStyle(workbook, "0.0000");
        CellStyle count = numberStyle(workbook, "0");
        List<MeasureDefinition> catalogue = TotalsCalculator.catalogue(mappings);
        String[] datasets = catalogue.stream().map(MeasureDefinition::dataset).distinct().toArray(String[]::new);
        String[] measures = catalogue.stream()
                .map(m -> m.dataset() + "|" + m.measure() + "|" + m.breakdown())
                .toArray(String[]::new);
        int[] rowIndex = {1};
        jdbc.query("""
                select t.period, t.dataset, t.region_code, r.name, r.level, t.measure, t.breakdown, t.value
                from period_total t join region r on r.code = t.region_code
                where t.province = ? and t.period = ?
                order by array_position(?::text[], t.dataset),
                         case r.level when 'province' then '' when 'city' then r.code else r.parent_code end,
                         r.rank, r.code,
                         array_position(?::text[], t.dataset || '|' || t.measure || '|' || t.breakdown)
                """, rs -> {
            Row row = sheet.createRow(rowIndex[0]++);
            for (int i = 1; i <= 7; i++) {
                row.createCell(i - 1).setCellValue(rs.getString(i).trim());
            }
            BigDecimal value = rs.getBigDecimal(8);
            if (value != null) {
                Cell cell = row.createCell(7);
                cell.setCellValue(value.doubleValue());
                String measure = rs.getString(6);
                cell.setCellStyle(measure.endsWith("_yuan") ? money : measure.equals("establishment_rate") ? rate : count);
            }
        }, province, period, datasets, measures);
    }

    private static CellStyle numberStyle(SXSSFWorkbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }
}
