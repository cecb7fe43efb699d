package org.provincial.reporting.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.submission.RejectionCode;

class HeaderLocatorTests {

    private final DatasetMapping visits = Fixtures.mapping("visits");

    private static final List<String> VISITS_HEADER =
            List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）", "活动名称");

    @Test
    void findsTheHeaderRowBelowTitleRows() {
        HeaderLocator locator = new HeaderLocator(visits);

        assertThat(locator.offer(1, List.of("2025年1月慰问情况统计表"))).isEmpty();
        assertThat(locator.offer(2, List.of("填报单位：广州市总工会", "", "填报日期：2025-02-01"))).isEmpty();
        HeaderLayout layout = locator.offer(3, VISITS_HEADER).orElseThrow();

        assertThat(layout.headerRowNumber()).isEqualTo(3);
        assertThat(layout.columnIndexes()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(layout.headersAsTyped()).isEqualTo(VISITS_HEADER);
        assertThat(locator.missingColumns(List.of())).isEmpty();
    }

    @Test
    void matchesHeadersWithHalfWidthParenthesesSpacesAndLineBreaks() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of(" 行政区划代码 ", "身份证号", "慰问对象\n类别", "慰问日期", "慰问金额(元)")).orElseThrow();

        assertThat(layout.columnIndexes()[visits.indexOf("amount")]).isEqualTo(4);
        assertThat(layout.columnIndexes()[visits.indexOf("category")]).isEqualTo(2);
        assertThat(layout.headersAsTyped().get(visits.indexOf("amount"))).isEqualTo("慰问金额(元)");
        assertThat(layout.headersAsTyped().get(visits.indexOf("region_code"))).isEqualTo(" 行政区划代码 ");
    }

    @Test
    void matchesFullWidthParenthesesAgainstAHalfWidthTypedHeader() {
        HeaderLayout layout = new HeaderLocator(Fixtures.mapping("contracts"))
                .offer(1, List.of("行政区划代码", "统一社会信用代码", "合同类型", "签订日期", "覆盖职工人数", "合同期限(年)"))
                .orElseThrow();

        assertThat(layout.columnIndexes()[Fixtures.mapping("contracts").indexOf("term_years")]).isEqualTo(5);
    }

    @Test
    void matchesEnglishKeysCaseInsensitively() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of("REGION_CODE", "Person_Id", "category", "visit_date", "AMOUNT", "person_name")).orElseThrow();

        assertThat(layout.columnIndexes()).containsExactly(0, 1, 5, 2, 3, 4, -1);
    }

    @Test
    void matchesAnAlias() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of("区划代码", "身份证号码", "对象类别", "慰问日期", "金额")).orElseThrow();

        assertThat(layout.columnIndexes()[visits.indexOf("region_code")]).isZero();
        assertThat(layout.columnIndexes()[visits.indexOf("person_id")]).isEqualTo(1);
        assertThat(layout.columnIndexes()[visits.indexOf("amount")]).isEqualTo(4);
    }

    @Test
    void leavesAbsentOptionalColumnsAtMinusOne() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of("行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额")).orElseThrow();

        assertThat(layout.columnIndexes()[visits.indexOf("person_name")]).isEqualTo(-1);
        assertThat(layout.columnIndexes()[visits.indexOf("event")]).isEqualTo(-1);
        assertThat(layout.headersAsTyped().get(visits.indexOf("person_name"))).isNull();
    }

    @Test
    void ignoresUnknownColumnsAndAcceptsAnyColumnOrder() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of("序号", "慰问金额", "备注", "慰问日期", "身份证号", "慰问对象类别", "行政区划代码")).orElseThrow();

        assertThat(layout.columnIndexes()).containsExactly(6, 4, -1, 5, 3, 1, -1);
    }

    @Test
    void prefersTheCanonicalHeaderOverAnAlias() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of("行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "金额", "慰问金额（元）")).orElseThrow();

        assertThat(layout.columnIndexes()[visits.indexOf("amount")]).isEqualTo(5);
    }

    @Test
    void takesTheFirstOfTwoCellsWithTheSameHeader() {
        HeaderLayout layout = new HeaderLocator(visits)
                .offer(1, List.of("行政区划代码", "身份证号", "慰问对象类别", "慰问日期", "慰问金额", "慰问金额")).orElseThrow();

        assertThat(layout.columnIndexes()[visits.indexOf("amount")]).isEqualTo(4);
    }

    @Test
    void reportsTheMissingRequiredColumnByItsHeaderAndAliases() {
        HeaderLocator locator = new HeaderLocator(visits);
        locator.offer(1, List.of("2025年1月慰问情况统计表"));
        assertThat(locator.offer(2, List.of("行政区划代码", "姓名", "慰问对象类别", "慰问日期", "慰问金额"))).isEmpty();
        locator.offer(3, List.of("440103", "张三", "困难职工", "2025-01-20", "500"));

        List<Violation> missing = locator.missingColumns(List.of());

        assertThat(missing).singleElement().satisfies(violation -> {
            assertThat(violation.code()).isEqualTo(RejectionCode.COLUMN_MISSING);
            assertThat(violation.columnKey()).isEqualTo("person_id");
            assertThat(violation.columnHeader()).isEqualTo("身份证号");
            assertThat(violation.value()).isNull();
            assertThat(violation.message()).contains("身份证号", "身份证号码", "公民身份号码");
        });
    }

    @Test
    void reportsEveryRequiredColumnAgainstTheBestMatchingRow() {
        HeaderLocator locator = new HeaderLocator(visits);
        locator.offer(1, List.of("行政区划代码", "慰问日期"));
        locator.offer(2, List.of("行政区划代码", "慰问日期", "金额"));
        locator.offer(3, List.of("慰问日期"));

        assertThat(locator.missingColumns(List.of())).extracting(Violation::columnKey).containsExactly("person_id", "category");
    }

    @Test
    void reportsEveryRequiredColumnWhenNoRowWasOffered() {
        assertThat(new HeaderLocator(Fixtures.mapping("welfare")).missingColumns(List.of()))
                .extracting(Violation::columnKey)
                .containsExactly("region_code", "voucher_no", "direction", "source", "amount", "movement_date");
    }

    @Test
    void findsTheHeaderRowOfEveryDatasetByItsCanonicalHeaders() {
        for (DatasetMapping mapping : Fixtures.MAPPINGS.all()) {
            List<String> header = mapping.columns().stream().map(ColumnMapping::header).toList();
            assertThat(new HeaderLocator(mapping).offer(1, header)).as(mapping.dataset()).isPresent();
        }
    }

    @Test
    void findsTheHeaderRowOfEveryDatasetByItsEnglishKeys() {
        for (DatasetMapping mapping : Fixtures.MAPPINGS.all()) {
            List<String> header = mapping.requiredColumns().stream().map(ColumnMapping::key).toList();
            assertThat(new HeaderLocator(mapping).offer(1, header)).as(mapping.dataset()).isPresent();
        }
    }

    @Test
    void treatsNullCellsAsBlank() {
        List<String> header = new ArrayList<>(VISITS_HEADER);
        header.add(1, null);

        assertThat(new HeaderLocator(visits).offer(1, header)).isPresent();
    }
}
