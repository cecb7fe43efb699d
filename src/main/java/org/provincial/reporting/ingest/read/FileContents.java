package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Checks what a file's first bytes say it is, and words a mismatch with its extension for the submitter. */
final class FileContents {

    static final String PASSWORD_PROTECTED = "文件无法读取：工作簿设有打开密码。请取消密码后重新报送";

    private FileContents() {
    }

    /** Fails unless the workbook file is non-empty and its first bytes are those of {@code expected}. */
    static void requireWorkbook(Path file, FileFormat format, FileMagic expected) throws UnreadableFileException {
        try {
            if (Files.size(file) == 0) {
                throw new UnreadableFileException("文件无法读取：文件是空的（0字节），可能上传没有完成，请重新报送");
            }
            FileMagic actual = FileMagic.valueOf(file.toFile());
            if (actual != expected) {
                throw new UnreadableFileException(actual == FileMagic.OLE2 && isEncryptedWorkbook(file)
                        ? PASSWORD_PROTECTED
                        : notWhatTheExtensionSays(format, actual));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True for an OLE2 file that wraps an encrypted .xlsx: what Excel saves when a workbook has an opening password. */
    private static boolean isEncryptedWorkbook(Path file) {
        try (POIFSFileSystem ole2 = new POIFSFileSystem(file.toFile(), true)) {
            return ole2.getRoot().hasEntry(Decryptor.DEFAULT_POIFS_ENTRY);
        }
        catch (IOException | RuntimeException notAnOle2FileAfterAll) {
            return false;
        }
    }

    /** "文件无法读取：扩展名为.xlsx，但内容不是Excel工作簿…", naming what the content is where its first bytes tell. */
    static String notWhatTheExtensionSays(FileFormat format, FileMagic actual) {
        return "文件无法读取：扩展名为." + format.name().toLowerCase(Locale.ROOT) + "，但内容不是" + expected(format)
                + actualContent(actual) + "。请在Excel中打开并另存为.xlsx或CSV后重新报送";
    }

    private static String expected(FileFormat format) {
        return switch (format) {
            case CSV -> "CSV文本";
            case XLSX -> "Excel工作簿";
            case XLS -> "Excel 97-2003工作簿";
        };
    }

    private static String actualContent(FileMagic actual) {
        return switch (actual) {
            case OOXML -> "，而是Excel工作簿（.xlsx）或其他压缩文件";
            case OLE2 -> "，而是Excel 97-2003工作簿（.xls）、加密的工作簿或其他Office文件";
            case HTML, XML -> "，而是网页或XML文件";
            case PDF -> "，而是PDF文件";
            case PNG, JPEG, GIF, TIFF, BMP -> "，而是图片";
            default -> "";
        };
    }
}
