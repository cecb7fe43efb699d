package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;

/** Reads the first sheet of an Excel 97-2003 (.xls) workbook, loaded whole: the format holds at most 65,536 rows. */
final class XlsTableReader extends WorkbookTableReader {

    private XlsTableReader(Workbook workbook) {
        super(workbook, "XLS");
    }

    static XlsTableReader open(Path file) throws UnreadableFileException {
        FileContents.requireWorkbook(file, FileFormat.XLS, FileMagic.OLE2);
        Workbook workbook = null;
        try {
            workbook = new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
            return new XlsTableReader(workbook);
        }
        catch (EncryptedDocumentException e) {
            closeAfterFailure(workbook, e);
            throw new UnreadableFileException("文件无法读取：工作簿设有打开密码。请取消密码后重新报送", e);
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
}
