package org.provincial.reporting.collect;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.collect.SourceLocation.Scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SourceLocationTests {

    @Test
    void parsesAnFtpUrlWithAnEncodedPassword() {
        SourceLocation source = SourceLocation.parse("ftp://collector:p%40ss@ftp.example.org:2121/");

        assertThat(source).isEqualTo(new SourceLocation(Scheme.FTP, "ftp.example.org", 2121, "collector", "p@ss", ""));
        assertThat(source.masked()).isEqualTo("ftp://collector:***@ftp.example.org:2121/");
    }

    @Test
    void keepsSpecialCharactersOfThePasswordAsTyped() {
        SourceLocation source = SourceLocation.parse("sftp://u%40unit:a%2Bb%3Ac%2Fd%23e%20f+g@10.0.0.5/uploads/");

        assertThat(source.username()).isEqualTo("u@unit");
        assertThat(source.password()).isEqualTo("a+b:c/d#e f+g");
        assertThat(source.directory()).isEqualTo("uploads");
        assertThat(source.masked()).isEqualTo("sftp://u%40unit:***@10.0.0.5:22/uploads");
    }

    @Test
    void usesTheDefaultPortOfEachScheme() {
        assertThat(SourceLocation.parse("ftp://u:p@host").port()).isEqualTo(21);
        assertThat(SourceLocation.parse("FTPS://u:p@host/").port()).isEqualTo(21);
        assertThat(SourceLocation.parse("sftp://u:p@host/").port()).isEqualTo(22);
        assertThat(SourceLocation.parse("ftps://u:p@host/").scheme()).isEqualTo(Scheme.FTPS);
    }

    @Test
    void takesImplicitTlsOnPort990FromAnFtpsUrlAndKeepsItInTheMaskedForm() {
        SourceLocation implicit = SourceLocation.parse("ftps://collector:p%40ss@ftp.example.org/in?implicit=true");

        assertThat(implicit).isEqualTo(new SourceLocation(Scheme.FTPS, "ftp.example.org", 990, "collector", "p@ss",
                "in", true, null));
        assertThat(implicit.masked()).isEqualTo("ftps://collector:***@ftp.example.org:990/in?implicit=true");
        assertThat(SourceLocation.parse(implicit.masked()).implicitTls()).isTrue();
        assertThat(SourceLocation.parse("ftps://u:p@host:2990/?implicit=true").port()).isEqualTo(2990);
        assertThat(SourceLocation.parse("ftps://u:p@host/").implicitTls()).isFalse();
    }

    @Test
    void takesTheEncodingOfTheNamesOfAnFtpServerAndKeepsItInTheMaskedForm() {
        SourceLocation gbk = SourceLocation.parse("ftp://collector:p%40ss@ftp.example.org/%E6%8A%A5%E9%80%81?encoding=gbk");
        SourceLocation both = SourceLocation.parse("ftps://u:p@host/?encoding=GB18030&implicit=true");

        assertThat(gbk).isEqualTo(new SourceLocation(Scheme.FTP, "ftp.example.org", 21, "collector", "p@ss", "报送",
                false, "GBK"));
        assertThat(gbk.masked()).isEqualTo("ftp://collector:***@ftp.example.org:21/%E6%8A%A5%E9%80%81?encoding=GBK");
        assertThat(SourceLocation.parse(gbk.masked()).withPassword("p@ss")).isEqualTo(gbk);
        assertThat(both.implicitTls()).isTrue();
        assertThat(both.controlEncoding()).isEqualTo("GB18030");
        assertThat(both.masked()).isEqualTo("ftps://u:***@host:990/?implicit=true&encoding=GB18030");
        assertThat(SourceLocation.parse("ftp://u:p@host/").controlEncoding()).isNull();
    }

    @Test
    void keepsImplicitTlsAndTheEncodingWhenThePasswordIsGivenAgain() {
        SourceLocation masked = SourceLocation.parse("ftps://u:***@host:990/in?implicit=true&encoding=GBK");

        assertThat(masked.withPassword("typed")).isEqualTo(new SourceLocation(Scheme.FTPS, "host", 990, "u", "typed",
                "in", true, "GBK"));
    }

    @Test
    void masksNothingWhenThereIsNoPassword() {
        assertThat(SourceLocation.parse("ftp://host/a/b/").masked()).isEqualTo("ftp://host:21/a/b");
        assertThat(SourceLocation.parse("ftp://anonymous@host").masked()).isEqualTo("ftp://anonymous@host:21/");
    }

    @Test
    void neverShowsThePasswordInToString() {
        SourceLocation source = SourceLocation.parse("ftp://u:secret@host:21/");

        assertThat(source.toString()).isEqualTo("ftp://u:***@host:21/").doesNotContain("secret");
    }

    @Test
    void masksThePasswordInForeignMessages() {
        SourceLocation source = SourceLocation.parse("ftp://u:p%40ss@host:21/");

        assertThat(source.mask("login p@ss failed, password=RAW(p@ss) p%40ss")).isEqualTo(
                "login *** failed, password=RAW(***) ***");
    }

    @Test
    void readsALocalDirectoryGivenAsPathOrFileUrl(@TempDir Path dir) {
        Path withSpace = dir.resolve("incoming files");

        SourceLocation plain = SourceLocation.parse(withSpace.toString());
        SourceLocation url = SourceLocation.parse(withSpace.toUri().toString());

        assertThat(plain.scheme()).isEqualTo(Scheme.FILE);
        assertThat(plain.directory()).isEqualTo(withSpace.toString());
        assertThat(url).isEqualTo(plain);
        assertThat(plain.masked()).isEqualTo("file://" + dir.toUri().getRawPath() + "incoming%20files");
    }

    @Test
    void resolvesARelativeLocalDirectoryAgainstTheWorkingDirectory() {
        SourceLocation source = SourceLocation.parse("data/../incoming");

        assertThat(source.directory()).isEqualTo(Path.of("incoming").toAbsolutePath().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://u:p%40ss@host:21/", "sftp://u@host/in", "ftp://host:2121/", "/srv/incoming",
            "ftp://u:p@host/%E6%8A%A5%E9%80%81?encoding=GBK", "ftps://u:p@host/?implicit=true&encoding=GBK"})
    void parsesItsOwnMaskedFormToTheSameMaskedForm(String text) {
        SourceLocation source = SourceLocation.parse(text);

        assertThat(SourceLocation.parse(source.masked()).masked()).isEqualTo(source.masked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://u:topsecret@host/", "ftp://u:topsecret@/x", "ftp://u:topsecret@host:99999/",
            "ftp://u:topsecret@host/?passive=true", "ftp://u:top%zzsecret@host/", "ftp:u:topsecret@host",
            "sftp://u:topsecret@host/?implicit=true", "ftps://u:topsecret@host/?implicit=yes",
            "ftp://u:top secret@host/", "ftp://:topsecret@host/", "ftp://u:topsecret@host/?encoding=NO-SUCH-SET",
            "ftp://u:topsecret@host/?encoding=", "sftp://u:topsecret@host/?encoding=GBK",
            "ftp://u:topsecret@host/?implicit=true", "ftp://u:topsecret@host/?encoding=GBK&encoding=UTF-8",
            "ftps://u:topsecret@host/?implicit=true&", "ftp://u:topsecret@host/#top"})
    void rejectsABadSourceWithAMessageWithoutThePassword(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> SourceLocation.parse(text))
                .withMessageStartingWith("The source ")
                .withMessageNotContaining("topsecret")
                .withMessageNotContaining("secret");
    }

    @Test
    void rejectsAnEmptySource() {
        assertThatIllegalArgumentException().isThrownBy(() -> SourceLocation.parse(" "))
                .withMessageContaining("ftp://");
    }

    @Test
    void rejectsAFileUrlNamingAnotherHost() {
        assertThatIllegalArgumentException().isThrownBy(() -> SourceLocation.parse("file://server/share"))
                .withMessageContaining("local directory");
    }
}
