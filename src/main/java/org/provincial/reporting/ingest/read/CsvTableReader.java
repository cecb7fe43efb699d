package org.provincial.reporting.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Streams the records of a CSV file in its detected encoding, numbered by record index (blank lines included). */
final class CsvTableReader implements TableReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String description;

    private CsvTableReader(CSVParser parser, String description) {
        this.parser = parser;
        this.records = parser.iterator();
        this.description = description;
    }

    static CsvTableReader open(Path file) throws UnreadableFileException {
        CsvEncoding encoding = CsvEncoding.detect(file);
        try {
            InputStream bytes = Files.newInputStream(file);
            try {
                bytes.skipNBytes(encoding.byteOrderMarkLength());
                CsvLimitsReader text = new CsvLimitsReader(new InputStreamReader(bytes, encoding.charset()));
                return new CsvTableReader(CSVParser.builder().setReader(text).setFormat(FORMAT).get(),
                        encoding.description());
            }
            catch (IOException | RuntimeException e) {
                bytes.close();
                throw e;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SheetRow next() throws UnreadableFileException {
        while (true) {
            CSVRecord record = nextRecord();
            if (record == null) {
                return null;
            }
            SheetRow row = Rows.nonBlank(Math.toIntExact(record.getRecordNumber()), record.toList());
            if (row != null) {
                return row;
            }
        }
    }

    private CSVRecord nextRecord() throws UnreadableFileException {
        try {
            return records.hasNext() ? records.next() : null;
        }
        catch (UncheckedIOException e) {
            if (e.getCause() instanceof CsvLimitsReader.LimitExceeded limit) {
                throw new UnreadableFileException(limit.getMessage(), limit);
            }
            if (e.getCause() instanceof CSVException malformed) {
                throw malformed(malformed);
            }
            throw e;
        }
        catch (IllegalStateException e) {
            throw malformed(e);
        }
    }

    private UnreadableFileException malformed(Exception cause) {
        return new UnreadableFileException("文件无法读取：第" + (parser.getRecordNumber() + 1)
                + "行的引号没有配对（以引号开头的单元格缺少结束引号，或结束引号后紧跟着其他字符），请修正该行后重新报送", cause);
    }

    @Override
    public boolean nextSheet() {
        return false;
    }

    @Override
    public String sheetName() {
        return null;
    }

    @Override
    public void close() {
        try {
            parser.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot close a CSV file: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }
}
