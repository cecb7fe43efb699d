package org.provincial.reporting.ingest.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests reading a {@link FileFormat} from a file extension. */
class FileFormatTests {

    @Test
    void readsTheFormatFromAnExtensionInAnyCase() {
        assertThat(FileFormat.fromExtension("csv")).contains(FileFormat.CSV);
        assertThat(FileFormat.fromExtension("XLSX")).contains(FileFormat.XLSX);
        assertThat(FileFormat.fromExtension("Xls")).contains(FileFormat.XLS);
    }

    @Test
    void knowsNoOtherExtension() {
        assertThat(FileFormat.fromExtension("txt")).isEmpty();
        assertThat(FileFormat.fromExtension(".csv")).isEmpty();
        assertThat(FileFormat.fromExtension("")).isEmpty();
        assertThat(FileFormat.fromExtension(null)).isEmpty();
    }
}
