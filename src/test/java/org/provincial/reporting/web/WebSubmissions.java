package org.provincial.reporting.web;

import java.time.LocalDate;
import java.time.YearMonth;

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
