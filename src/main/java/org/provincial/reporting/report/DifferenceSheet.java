package org.provincial.reporting.report;

import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.PublicationDifferences;
import org.provincial.reporting.report.PublicationDifferences.Comparison;
import org.provincial.reporting.report.WorkbookStyles.Kind;

import org.springframework.stereotype.Component;

/**
 * The sheet {@value #NAME} of a run's workbook when its period was published before it ran, or of a range's workbook
 * when the range was published before it was computed (SPEC §10): each figure
 * that differs from the latest revision, its published and new value and the files that changed it; one line when
 * nothing changed.
 */
@Component
class DifferenceSheet {

    static final String NAME = "与发布版差异";

    static final List<String> HEADER = List.of("数据集", "行政区划代码", "地区", "指标", "分类", "发布值", "新值", "差额",
            "引起变化的报送文件");

    private static final int[] WIDTHS = {12, 12, 16, 22, 14, 16, 16, 16, 80};

    private final PublicationDifferences differences;
    private final DatasetMappings mappings;
    private final RegionReference regions;

    DifferenceSheet(PublicationDifferences differences, DatasetMappings mappings, RegionReference regions) {
        this.differences = differences;
        this.mappings = mappings;
        this.regions = regions;
    }

    void write(SXSSFWorkbook workbook, WorkbookStyles styles, Comparison comparison) {
        SXSSFSheet sheet = workbook.createSheet(NAME);
        for (int i = 0; i < WIDTHS.length; i++) {
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        styles.label(sheet.createRow(0), 0, comparison.summary(), comparison.changed() == 0 ? styles.boldText
                : styles.alert);
        if (comparison.changed() == 0) {
            return;
        }
        Row header = sheet.createRow(1);
        for (int i = 0; i < HEADER.size(); i++) {
            styles.label(header, i, HEADER.get(i), styles.header);
        }
        sheet.createFreezePane(0, 2);
        int[] rowIndex = {2};
        differences.forEachDifference(comparison, difference -> {
            Row row = sheet.createRow(rowIndex[0]++);
            Kind kind = Kind.of(difference.measure());
            styles.label(row, 0, mappings.get(difference.dataset()).title(), styles.text);
            styles.label(row, 1, difference.regionCode(), styles.text);
            styles.label(row, 2, regions.get(difference.regionCode()).name(), styles.text);
            styles.label(row, 3, MeasureLabels.BY_KEY.get(difference.dataset() + "/" + difference.measure()),
                    styles.text);
            styles.label(row, 4, difference.breakdown().isEmpty() ? "合计"
                    : MeasureLabels.breakdown(mappings.get(difference.dataset()), difference.breakdown()), styles.text);
            styles.figure(row, 5, difference.published(), kind, false);
            styles.figure(row, 6, difference.current(), kind, false);
            styles.figure(row, 7, difference.difference(), kind, false);
            styles.submitted(row, 8, difference.submissions());
        });
    }
}
