package org.provincial.reporting.collect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SubmissionArchive.ArchivedFile;
import org.provincial.reporting.storage.ReportingHome;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive keeps received files readable by the service user only. */
class SubmissionArchiveTests {

    @Test
    void keepsOriginalsAndTheirDirectoriesReadableByTheServiceUserOnly(@TempDir Path temp) throws Exception {
        byte[] content = "行政区划代码,应建制企业数\n440103,120\n".getBytes(StandardCharsets.UTF_8);
        String sha256 = CollectionFixture.sha256(content);
        try (ReportingHome home = ReportingHome.open(temp.resolve("home"))) {
            // an archive directory an earlier version created open to everyone
            Path level1 = home.archiveDirectory().resolve(sha256.substring(0, 2));
            Files.createDirectories(level1);
            Files.setPosixFilePermissions(home.archiveDirectory(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(level1, PosixFilePermissions.fromString("rwxr-xr-x"));

            ArchivedFile archived = new SubmissionArchive(home).store(new ByteArrayInputStream(content), content.length);

            Path file = home.root().resolve(archived.archivePath());
            assertThat(file.getFileName().toString()).isEqualTo(sha256);
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            for (Path directory = file.getParent(); !directory.equals(home.root()); directory = directory.getParent()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                        .as("%s", directory).isEqualTo("rwx------");
            }
        }
    }
}
