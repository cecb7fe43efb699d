package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.stereotype.Component;

/**
 * The sheet {@code data}: the totals in long form, one row per figure, for pivot tables and checks, each with the
 * same figure of the period before and of the same period a year earlier (SPEC §9); rows in {@link TotalsRows}' order.
 */
@Component
class DataSheet {

    static final String NAME = "data";
    static final List<String> HEADER = List.of("period", "dataset", "region_code", "region_name", "level", "measure",
            "breakdown", "value", "previous_value", "year_ago_value");

    private final TotalsRows totals;

    DataSheet(TotalsRows totals) {
        this.totals = totals;
    }

    void write(SXSSFWorkbook workbook, ReportPeriod period) {
        SXSSFSheet sheet = workbook.createSheet(NAME);
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADER.size(); i++) {
            header.createCell(i).setCellValue(HEADER.get(i));
        }
        CellStyle money = numberStyle(workbook, "0.00");
        CellStyle rate = numberStyle(workbook, "0.0000");
        CellStyle count = numberStyle(workbook, "0");
        int[] rowIndex = {1};
        totals.forEach(period, figure -> {
            Row row = sheet.createRow(rowIndex[0]++);
            String[] texts = {figure.period(), figure.dataset(), figure.regionCode(), figure.regionName(), figure.level(),
                figure.measure(), figure.breakdown()};
            for (int i = 0; i < texts.length; i++) {
                row.createCell(i).setCellValue(texts[i]);
            }
            CellStyle style = figure.measure().endsWith("_yuan") ? money
                    : figure.measure().equals("establishment_rate") ? rate : count;
            BigDecimal[] values = {figure.value(), figure.previousValue(), figure.yearAgoValue()};
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    Cell cell = row.createCell(texts.length + i);
                    cell.setCellValue(values[i].doubleValue());
                    cell.setCellStyle(style);
                }
            }
        });
    }

    private static CellStyle numberStyle(SXSSFWorkbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }
}
