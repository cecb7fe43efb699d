package org.provincial.reporting.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.provincial.reporting.support.Ids;
import org.provincial.reporting.support.SubmissionFiles;
import org.provincial.reporting.support.WebFixture;

import static org.provincial.reporting.support.SubmissionFiles.rows;

/** Submission files of 宁夏 (640000) for the web tests, written into the web tests' source directory. */
final class WebSubmissions {

    static final String PROVINCE = "640000";
    static final String HEADER_VISITS = "行政区划代码,身份证号,姓名,慰问对象类别,慰问日期,慰问金额（元）";
    static final String P1 = Ids.residentId("640104", LocalDate.of(1970, 3, 1), 11);
    static final String P2 = Ids.residentId("640104", LocalDate.of(1985, 7, 9), 22);
    static final String P3 = Ids.residentId("640100", LocalDate.of(1990, 12, 1), 33);
    /** P2 with a wrong check digit: the row is rejected. */
    static final String MISTYPED = Ids.withWrongCheckCharacter(P2);

    private WebSubmissions() {
    }

    /** How many rows of 西夏区's rejected workbook ({@link #largeFiles}) have a mistyped ID, and how many a bad date. */
    static final int MISTYPED_ROWS = 1200;
    static final int BAD_DATE_ROWS = 5;
    /** How many valid rows 金凤区 reports in {@link #largeFiles}. */
    static final int VALID_ROWS = 1000;

    /**
     * 西夏区 (640105) sends a workbook of {@value #MISTYPED_ROWS} rows with mistyped IDs and {@value #BAD_DATE_ROWS}
     * with a date that is none: rejected whole; 金凤区 (640106) a CSV of {@value #VALID_ROWS} valid visits.
     */
    static void largeFiles(String period) {
        LocalDate day = YearMonth.parse(period).atDay(12);
        List<List<?>> rejected = new ArrayList<>();
        rejected.add(List.of(HEADER_VISITS.split(",")));
        for (int i = 0; i < MISTYPED_ROWS; i++) {
            String id = Ids.withWrongCheckCharacter(Ids.residentId("640105", LocalDate.of(1960, 1, 1).plusDays(i), i % 1000));
            rejected.add(List.of("640105", id, "赵" + i, "困难职工", day, 100));
        }
        for (int i = 0; i < BAD_DATE_ROWS; i++) {
            rejected.add(List.of("640105", Ids.residentId("640105", LocalDate.of(1980, 1, 1).plusDays(i), i), "孙" + i,
                    "困难职工", "不详", 100));
        }
        SubmissionFiles.xlsx(WebFixture.source().resolve("640105/640105_visits_" + period + ".xlsx"), null, rejected);
        List<String> valid = new ArrayList<>(List.of(HEADER_VISITS));
        for (int i = 0; i < VALID_ROWS; i++) {
            valid.add("640106," + Ids.residentId("640106", LocalDate.of(1970, 1, 1).plusDays(i), i % 1000) + ",周" + i
                    + ",一线职工," + day + ",50.00");
        }
        SubmissionFiles.csv(WebFixture.source().resolve("640106/640106_visits_" + period + ".csv"),
                rows(valid.toArray(String[]::new)));
    }

    /** 兴庆区 (640104) reports two valid visits and a mistyped ID for the period; 银川市 (640100) one visit. */
    static void visits(String period) {
        YearMonth month = YearMonth.parse(period);
        LocalDate day = month.atDay(10);
        SubmissionFiles.csv(WebFixture.source().resolve("640104/640104_visits_" + period + ".csv"), rows(
                HEADER_VISITS,
                "640104," + P1 + ",张三,困难职工," + day + ",500.00",
                "640104," + P2 + ",李四,快递员," + day + ",300.50",
                "640104," + MISTYPED + ",王五,劳动模范," + day + ",100.00"));
        SubmissionFiles.csv(WebFixture.source().resolve("640100/640100_visits_" + period + ".csv"), rows(
                HEADER_VISITS,
                "640100," + P3 + ",钱七,一线职工," + day + ",200.00"));
    }
}
