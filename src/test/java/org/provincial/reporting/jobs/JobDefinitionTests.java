package org.provincial.reporting.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.collect.SourceLocation;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobDefinitionTests {

    @Test
    void fallsDueOnTheDeadlineDayOfTheNextMonth() {
        assertThat(job(10).deadlineFor(YearMonth.of(2025, 1))).contains(LocalDate.of(2025, 2, 10));
        assertThat(job(10).deadlineFor(YearMonth.of(2024, 12))).contains(LocalDate.of(2025, 1, 10));
        // a deadline day the next month does not have: its last day
        assertThat(job(31).deadlineFor(YearMonth.of(2025, 1))).contains(LocalDate.of(2025, 2, 28));
        assertThat(job(31).deadlineFor(YearMonth.of(2024, 1))).contains(LocalDate.of(2024, 2, 29));
        assertThat(job(null).deadlineFor(YearMonth.of(2025, 1))).isEmpty();
    }

    @Test
    void readsTheDeadlineDayAndContactOfTheJobsDirectory() {
        JobDefinitions definitions = new JobDefinitions(new PathMatchingResourcePatternResolver(),
                new StandardEnvironment(), "classpath*:jobs/*.yaml");

        JobDefinition guangdong = definitions.forProvince("440000").orElseThrow();

        assertThat(guangdong.deadlineDay()).isEqualTo(10);
        assertThat(guangdong.contact()).isEqualTo("广东省总工会统计处 张三 020-12345678");
    }

    @Test
    void leavesOutTheDeadlineAndContactOfAJobWithout(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), "province: \"640000\"\n");

        JobDefinition ningxia = load(jobs).forProvince("640000").orElseThrow();

        assertThat(ningxia.deadlineDay()).isNull();
        assertThat(ningxia.contact()).isNull();
    }

    @Test
    void refusesADeadlineDayThatIsNoDayOfAMonth(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), "province: \"640000\"\ndeadlineDay: 32\n");

        assertThatThrownBy(() -> load(jobs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ningxia.yaml").hasMessageContaining("deadlineDay: 32")
                .hasMessageContaining("from 1 to 31");
    }

    @Test
    void refusesAMisspelledKeyNamingTheFileTheKeyAndTheKeysItKnows(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), "province: \"640000\"\nrejectTreshold: 0.2\n");

        assertThatThrownBy(() -> load(jobs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ningxia.yaml").hasMessageContaining("unknown key 'rejectTreshold'")
                .hasMessageContaining("the keys known there are: contact, deadlineDay, period, province, rangeReports,"
                        + " rejectThreshold, schedule, sources");
    }

    @Test
    void refusesAMisspelledKeyInsideASectionNamingTheSection(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), "province: \"640000\"\nperiod:\n  previousMonthUntil: 15\n");

        assertThatThrownBy(() -> load(jobs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ningxia.yaml").hasMessageContaining("unknown key 'previousMonthUntil' in period")
                .hasMessageContaining("the keys known there are: previousMonthUntilDay");
    }

    @Test
    void refusesARejectThresholdThatIsNoShare(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), "province: \"640000\"\nrejectThreshold: 50\n");

        assertThatThrownBy(() -> load(jobs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ningxia.yaml").hasMessageContaining("rejectThreshold: 50.0")
                .hasMessageContaining("from 0 to 1");
    }

    @Test
    void takesASourcesUserAndPasswordAsTheyAreBesideItsUrl(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), """
                province: "640000"
                sources:
                  - url: "sftp://${NX_HOST:files.example.org}/incoming"
                    username: "统计 user"
                    password: "p@ss:w%41rd"
                  - "ftp://reporting:p%40ss@localhost:2121/"
                """);

        List<SourceLocation> sources = load(jobs).forProvince("640000").orElseThrow().sources();

        assertThat(sources.get(0)).isEqualTo(new SourceLocation(SourceLocation.Scheme.SFTP, "files.example.org", 22,
                "统计 user", "p@ss:w%41rd", "incoming"));
        assertThat(sources.get(1)).isEqualTo(new SourceLocation(SourceLocation.Scheme.FTP, "localhost", 2121,
                "reporting", "p@ss", ""));
    }

    @Test
    void refusesASourceWithAUserBothInItsUrlAndBesideIt(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("ningxia.yaml"), """
                province: "640000"
                sources:
                  - url: "ftp://reporting:secret@localhost/"
                    username: reporting
                    password: secret
                """);

        assertThatThrownBy(() -> load(jobs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ningxia.yaml").hasMessageContaining("sources[0]")
                .hasMessageContaining("either in the URL or as username and password, not both")
                .hasMessageNotContaining("secret");
    }

    private static JobDefinitions load(Path directory) {
        return new JobDefinitions(new PathMatchingResourcePatternResolver(), new StandardEnvironment(),
                directory.toUri() + "*.yaml");
    }

    private static JobDefinition job(Integer deadlineDay) {
        return new JobDefinition("test", "640000", List.of(), null, 15, 0.5, deadlineDay, null, List.of());
    }
}
