package org.provincial.reporting.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdKeyTests {

    @Test
    void generatesA256BitKeyIntoAnOwnerOnlyFileOfTheHomeAndReusesIt(@TempDir Path home) throws IOException {
        byte[] first = IdKey.resolve("", home);

        Path file = home.resolve(IdKey.FILE_NAME);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo("base64:" + Base64.getEncoder().encodeToString(first));
        assertThat(IdKey.resolve(null, home)).isEqualTo(first);
        assertThat(IdKey.resolve("", home)).isEqualTo(first);
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void generatesADifferentKeyForAnotherHome(@TempDir Path one, @TempDir Path other) {
        assertThat(IdKey.resolve("", one)).isNotEqualTo(IdKey.resolve("", other));
    }

    @Test
    void takesAConfiguredKeyBeforeTheFileAndWritesNoFile(@TempDir Path home) {
        byte[] bytes = new byte[40];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }

        assertThat(IdKey.resolve("base64:" + Base64.getEncoder().encodeToString(bytes), home)).isEqualTo(bytes);
        assertThat(IdKey.resolve(" base64:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n", home))
                .isEqualTo(bytes);
        assertThat(IdKey.resolve("a passphrase of at least thirty-two bytes", home))
                .isEqualTo("a passphrase of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(home.resolve(IdKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void refusesAConfiguredKeyShorterThan32BytesWithoutShowingIt(@TempDir Path home) {
        assertThatThrownBy(() -> IdKey.resolve("short-secret", home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REPORTING_ID_KEY").hasMessageContaining("12 bytes, at least 32")
                .message().doesNotContain("short-secret");
        assertThatThrownBy(() -> IdKey.resolve("base64:" + Base64.getEncoder().encodeToString(new byte[31]), home))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("31 bytes, at least 32");
    }

    @Test
    void refusesAConfiguredKeyThatIsNotBase64AfterItsPrefix(@TempDir Path home) {
        assertThatThrownBy(() -> IdKey.resolve("base64:not base64 at all, not at all!!", home))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid Base64");
    }

    @Test
    void refusesAKeyFileThatWasCutShort(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve(IdKey.FILE_NAME), "base64:" + Base64.getEncoder().encodeToString(new byte[8]));

        assertThatThrownBy(() -> IdKey.resolve("", home))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("key file").hasMessageContaining("8 bytes");
    }
}
