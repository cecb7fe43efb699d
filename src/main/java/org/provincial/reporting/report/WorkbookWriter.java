package org.provincial.reporting.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.stereotype.Service;

/**
 * Writes {@code provincial-totals-<province>-<period>.xlsx} with POI's streaming writer: memory stays bounded
 * whatever the number of figures. The file appears whole or not at all (written aside, then moved).
 */
@Service
public class WorkbookWriter {

    private final DataSheet dataSheet;

    WorkbookWriter(DataSheet dataSheet) {
        this.dataSheet = dataSheet;
    }

    public static String fileName(String province, String period) {
        return "provincial-totals-" + province + "-" + period + ".xlsx";
    }

    public Path write(String province, String period, Path outDirectory) {
        Path target = outDirectory.resolve(fileName(province, period));
        try {
            Files.createDirectories(outDirectory);
            Path partial = Files.createTempFile(outDirectory, ".provincial-totals-", ".xlsx.part");
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
                workbook.setCompressTempFiles(true);
                dataSheet.write(workbook, province, period);
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
