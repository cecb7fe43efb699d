package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;

/** Reads the first sheet of an Excel 97-2003 (.xls) workbook, loaded whole: the format holds at most 65,536 rows. */
final class XlsTableReader extends WorkbookTableReader {

    /** Loaded whole, a workbook takes five to seven times its size of heap; 65,536 rows of ten columns take 24 MB. */
    static final long MAX_SIZE = 32L << 20;

    private XlsTableReader(Workbook workbook) throws UnreadableFileException {
        super(workbook, "XLS");
    }

    static XlsTableReader open(Path file) throws UnreadableFileException {
        FileContents.requireWorkbook(file, FileFormat.XLS, FileMagic.OLE2);
        requireLoadableSize(file);
        Workbook workbook = null;
        try {
            workbook = new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
            return new XlsTableReader(workbook);
        }
        catch (UnreadableFileException e) {
            closeAfterFailure(workbook, e);
            throw e;
        }
        catch (EncryptedDocumentException e) {
            closeAfterFailure(workbook, e);
            throw new UnreadableFileException(FileContents.PASSWORD_PROTECTED, e);
        }
        catch (OldExcelFormatException e) {
            closeAfterFailure(workbook, e);
            throw new UnreadableFileException("文件无法读取：这是Excel 95或更早版本的工作簿。"
                    + "请在Excel中打开并另存为.xlsx后重新报送", e);
        }
        catch (IOException | RuntimeException e) {
            closeAfterFailure(workbook, e);
            throw new UnreadableFileException("文件无法读取：扩展名为.xls，但内容不是有效的Excel 97-2003工作簿，"
                    + "文件可能已损坏。请在Excel中打开并另存为.xlsx后重新报送", e);
        }
    }

    private static void requireLoadableSize(Path file) throws UnreadableFileException {
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new UnreadableFileException("文件无法读取：.xls文件超过" + (MAX_SIZE >> 20)
                        + "MB，超出了可以处理的大小。请在Excel中打开并另存为.xlsx后重新报送");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
