package org.provincial.reporting.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.PublicationDifferences.Comparison;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes {@code provincial-totals-<province>-<period>.xlsx} (or {@code -<from>_<to>.xlsx} for a range of months, SPEC §9)
 * with POI's streaming writer: memory stays bounded
 * whatever the number of figures. The sheets, in order: 汇总, one per dataset (慰问, 补助, 集体合同, 送温暖资金),
 * 报送情况, 复核, 与发布版差异 (a run of a published period) and {@code data}; all read in one read-only transaction, so they agree with each other. The file
 * appears whole or not at all (written aside, then moved).
 */
@Service
public class WorkbookWriter {

    /** The datasets that have a sheet of their own, in sheet order; enterprise counts are part of 集体合同. */
    static final String[] DATASET_SHEETS = {"visits", "subsidies", "contracts", "welfare"};

    private final RegionReference regions;
    private final SummarySheet summarySheet;
    private final DatasetSheet datasetSheet;
    private final CompletenessSheet completenessSheet;
    private final ReviewSheet reviewSheet;
    private final DataSheet dataSheet;
    private final DifferenceSheet differenceSheet;

    WorkbookWriter(RegionReference regions, SummarySheet summarySheet, DatasetSheet datasetSheet,
            CompletenessSheet completenessSheet, ReviewSheet reviewSheet, DataSheet dataSheet,
            DifferenceSheet differenceSheet) {
        this.regions = regions;
        this.summarySheet = summarySheet;
        this.datasetSheet = datasetSheet;
        this.completenessSheet = completenessSheet;
        this.reviewSheet = reviewSheet;
        this.dataSheet = dataSheet;
        this.differenceSheet = differenceSheet;
    }

    public static String fileName(String province, String period) {
        return "provincial-totals-" + province + "-" + period + ".xlsx";
    }

    /** The workbook of a month without comparisons. */
    @Transactional(readOnly = true)
    public Path write(String province, String period, Path outDirectory) {
        return write(ReportPeriod.month(province, period, Set.of()), outDirectory);
    }

    /** The workbook of a month or range, whose totals and those it is compared with are in {@code period_total}. */
    @Transactional(readOnly = true)
    public Path write(ReportPeriod period, Path outDirectory) {
        return write(period, outDirectory, null);
    }

    /**
     * The workbook of a run, with the sheet {@value DifferenceSheet#NAME} before {@code data} when the run was compared
     * with a published revision ({@code comparison} not null).
     */
    @Transactional(readOnly = true)
    public Path write(ReportPeriod period, Path outDirectory, Comparison comparison) {
        Path target = outDirectory.resolve(period.fileName());
        String provinceName = regions.get(period.province()).name();
        try {
            Files.createDirectories(outDirectory);
            Path partial = Files.createTempFile(outDirectory, ".provincial-totals-", ".xlsx.part");
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
                workbook.setCompressTempFiles(true);
                WorkbookStyles styles = new WorkbookStyles(workbook);
                summarySheet.write(workbook, styles, provinceName, period);
                for (String dataset : DATASET_SHEETS) {
                    datasetSheet.write(workbook, styles, provinceName, period, dataset);
                }
                completenessSheet.write(workbook, styles, provinceName, period);
                reviewSheet.write(workbook, styles, provinceName, period);
                if (comparison != null) {
                    differenceSheet.write(workbook, styles, comparison);
                }
                dataSheet.write(workbook, period);
                try (OutputStream out = Files.newOutputStream(partial)) {
                    workbook.write(out);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the workbook " + target + ": " + e.getMessage(), e);
        }
    }
}
