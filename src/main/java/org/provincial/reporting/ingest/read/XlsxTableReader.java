package org.provincial.reporting.ingest.read;

import java.nio.file.Path;

import com.github.pjfanning.xlsx.SharedStringsImplementationType;
import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Workbook;

/** Streams the first sheet of an .xlsx workbook a few rows at a time, once {@link XlsxPackageCheck} has passed it. */
final class XlsxTableReader extends WorkbookTableReader {

    private static final int ROW_CACHE_SIZE = 100;
    private static final int BUFFER_SIZE = 8192;

    static {
        // POI's own check agrees with the package check's (its default is 4 GiB); the minimum inflate ratio stays 1%
        ZipSecureFile.setMaxEntrySize(XlsxPackageCheck.MAX_STREAMED_SIZE);
    }

    private XlsxTableReader(Workbook workbook) throws UnreadableFileException {
        super(workbook, "XLSX");
    }

    static XlsxTableReader open(Path file) throws UnreadableFileException {
        FileContents.requireWorkbook(file, FileFormat.XLSX, FileMagic.OOXML);
        XlsxPackageCheck.check(file);
        Workbook workbook = null;
        try {
            workbook = StreamingReader.builder().rowCacheSize(ROW_CACHE_SIZE).bufferSize(BUFFER_SIZE)
                    // distinct texts go to a temp file, so a workbook of millions of names stays in bounded memory
                    .setSharedStringsImplementationType(SharedStringsImplementationType.TEMP_FILE_BACKED)
                    .setEncryptSstTempFile(false)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .open(file.toFile());
            return new XlsxTableReader(workbook);
        }
        catch (UnreadableFileException e) {
            closeAfterFailure(workbook, e);
            throw e;
        }
        catch (RuntimeException e) {
            closeAfterFailure(workbook, e);
            throw new UnreadableFileException("文件无法读取：扩展名为.xlsx，但内容不是有效的Excel工作簿，文件可能已损坏。"
                    + "请在Excel中打开并另存为.xlsx后重新报送", e);
        }
    }
}
