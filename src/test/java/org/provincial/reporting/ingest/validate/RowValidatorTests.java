package org.provincial.reporting.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.provincial.reporting.submission.RejectionCode.CREDIT_CODE_INVALID;
import static org.provincial.reporting.submission.RejectionCode.DATE_INVALID;
import static org.provincial.reporting.submission.RejectionCode.DATE_OUT_OF_PERIOD;
import static org.provincial.reporting.submission.RejectionCode.ID_INVALID;
import static org.provincial.reporting.submission.RejectionCode.NEGATIVE;
import static org.provincial.reporting.submission.RejectionCode.NUMBER_INVALID;
import static org.provincial.reporting.submission.RejectionCode.OVER_CAP;
import static org.provincial.reporting.submission.RejectionCode.REGION_OUT_OF_JURISDICTION;
import static org.provincial.reporting.submission.RejectionCode.REGION_UNKNOWN;
import static org.provincial.reporting.submission.RejectionCode.REQUIRED_MISSING;
import static org.provincial.reporting.submission.RejectionCode.VALUE_UNKNOWN;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.submission.RejectionCode;
import org.provincial.reporting.support.Ids;

class RowValidatorTests {

    private static final YearMonth PERIOD = YearMonth.of(2025, 1);

    /** A valid row of each dataset submitted by 广州市 (440100) for 2025-01, by column key. */
    private static final Map<String, Map<String, String>> VALID = Map.of(
            "visits", Map.of("region_code", "440103", "person_id", "11010519491231002X", "person_name", "张三",
                    "category", "困难职工", "visit_date", "2025-01-20", "amount", "500.00", "event", "2025年元旦春节送温暖"),
            "subsidies", Map.of("region_code", "440100", "recipient_id", "91350100M000100Y43", "recipient_name", "某某创新工作室",
                    "program", "创新工作室建设补助", "amount", "500,000.00", "paid_date", "2025/1/15"),
            "contracts", Map.of("region_code", "440106", "credit_code", "91110000600037341L", "enterprise_name", "某某有限公司",
                    "contract_type", "综合性", "signed_date", "2025年1月8日", "workers_covered", "120", "term_years", "3"),
            "enterprise_counts", Map.of("region_code", "440100", "enterprises_required", "1,234"),
            "welfare", Map.of("region_code", "440103", "voucher_no", "pz-2025-001", "direction", "筹集", "source", "社会捐赠",
                    "amount", "10000", "movement_date", "20250131"));

    // ---- valid rows and canonical values ----

    @ParameterizedTest
    @ValueSource(strings = {"visits", "subsidies", "contracts", "enterprise_counts", "welfare"})
    void acceptsAValidRowOfEveryDataset(String dataset) {
        ValidatedRow row = validate(dataset, Map.of());

        assertThat(row.violations()).isEmpty();
        assertThat(row.valid()).isTrue();
        assertThat(row.rowNumber()).isEqualTo(7);
    }

    @Test
    void turnsAVisitIntoCanonicalValues() {
        ValidatedRow row = validate("visits", Map.of("person_id", "11010519491231002x", "amount", "1,234.5元"));

        assertThat(row.values()).containsExactly("440103", "11010519491231002X", "张三", "difficult_worker",
                LocalDate.of(2025, 1, 20), new BigDecimal("1234.50"), "2025年元旦春节送温暖");
        assertThat(((BigDecimal) row.values()[5]).scale()).isEqualTo(2);
    }

    @Test
    void turnsAContractIntoCanonicalValues() {
        ValidatedRow row = validate("contracts", Map.of("credit_code", " 91110000600037341l ", "workers_covered", " 12 人",
                "term_years", "2.5"));

        assertThat(row.values()).containsExactly("440106", "91110000600037341L", "某某有限公司", "comprehensive",
                LocalDate.of(2025, 1, 8), 12L, new BigDecimal("2.5"));
    }

    @Test
    void turnsAWelfareMovementIntoCanonicalValues() {
        ValidatedRow row = validate("welfare", Map.of());

        assertThat(row.values()).containsExactly("440103", "PZ-2025-001", "raised", "donation", new BigDecimal("10000.00"),
                LocalDate.of(2025, 1, 31));
    }

    @Test
    void storesACountAsALong() {
        ValidatedRow row = validate("enterprise_counts", Map.of());

        assertThat(row.values()).containsExactly("440100", 1234L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"１２３．５|123.50", "1,234.50元|1234.50", "' 88 '|88.00", "12.500|12.50", "0|0.00",
            "+7.1|7.10"})
    void acceptsMoneyAsPeopleTypeIt(String typed, String expected) {
        ValidatedRow row = validate("visits", Map.of("amount", typed));

        assertThat(row.violations()).isEmpty();
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("amount")]).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"' 12 人'|12", "12.0|12", "１２|12", "1,200|1200", "1|1"})
    void acceptsCountsAsPeopleTypeThem(String typed, long expected) {
        ValidatedRow row = validate("contracts", Map.of("workers_covered", typed));

        assertThat(row.violations()).isEmpty();
        assertThat(row.values()[Fixtures.mapping("contracts").indexOf("workers_covered")]).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-20", "2025/1/20", "2025.1.20", "2025年1月20日", "20250120", "2025-01-20 00:00:00",
            "2025-01-20 13:45:00", "２０２５年１月２０日"})
    void acceptsEveryDateForm(String typed) {
        ValidatedRow row = validate("visits", Map.of("visit_date", typed));

        assertThat(row.violations()).isEmpty();
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("visit_date")]).isEqualTo(LocalDate.of(2025, 1, 20));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"快递员|new_employment", "外卖配送员|new_employment", "困难职工家庭|difficult_worker",
            "difficult_worker|difficult_worker", "DIFFICULT_WORKER|difficult_worker", "' 困难 职工 '|difficult_worker",
            "劳动模范|model_worker", "其他|other", "坚守岗位一线职工|frontline"})
    void acceptsEveryListedSpellingOfACategory(String typed, String key) {
        ValidatedRow row = validate("visits", Map.of("category", typed));

        assertThat(row.violations()).isEmpty();
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("category")]).isEqualTo(key);
    }

    @Test
    void acceptsTheKeysAndLabelsOfTheOtherEnumerations() {
        assertThat(validate("welfare", Map.of("direction", "disbursed", "source", "上级工会拨付")).values())
                .contains("disbursed", "upper_allocation");
        assertThat(validate("contracts", Map.of("contract_type", "女职工权益保护专项集体合同")).values()).contains("female");
        assertThat(validate("subsidies", Map.of("program", "金秋助学")).values()).contains("education_aid");
    }

    @Test
    void trimsNamesWithoutNormalisingThem() {
        ValidatedRow row = validate("visits", Map.of("person_name", "\u3000Ａｌｉ 张 "));

        assertThat(row.values()[Fixtures.mapping("visits").indexOf("person_name")]).isEqualTo("Ａｌｉ 张");
    }

    @Test
    void upperCasesAndTrimsIdentifiers() {
        ValidatedRow row = validate("welfare", Map.of("voucher_no", " ｐｚ-001\u3000"));

        assertThat(row.values()[Fixtures.mapping("welfare").indexOf("voucher_no")]).isEqualTo("PZ-001");
    }

    @Test
    void leavesAnEmptyOptionalColumnNull() {
        ValidatedRow row = validate("contracts", Map.of("enterprise_name", " ", "term_years", ""));

        assertThat(row.valid()).isTrue();
        assertThat(row.values()[Fixtures.mapping("contracts").indexOf("enterprise_name")]).isNull();
        assertThat(row.values()[Fixtures.mapping("contracts").indexOf("term_years")]).isNull();
    }

    @Test
    void acceptsTheSubmittersOwnRegionAndItsCounties() {
        assertThat(validate("enterprise_counts", Map.of("region_code", "440100")).valid()).isTrue();
        assertThat(validate("enterprise_counts", Map.of("region_code", "440118")).valid()).isTrue();
        assertThat(validate("enterprise_counts", "440000", Map.of("region_code", "440203")).valid()).isTrue();
        assertThat(validate("enterprise_counts", "440103", Map.of("region_code", "４４０１０３")).values()).containsExactly("440103", 1234L);
    }

    // ---- REQUIRED_MISSING ----

    @Test
    void rejectsAnEmptyRequiredCell() {
        ValidatedRow row = validate("visits", Map.of("amount", "\u3000 "));

        assertThat(row.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.columnKey()).isEqualTo("amount");
            assertThat(violation.columnHeader()).isEqualTo("慰问金额（元）");
            assertThat(violation.code()).isEqualTo(REQUIRED_MISSING);
            assertThat(violation.value()).isEqualTo("\u3000 ");
            assertThat(violation.message()).isEqualTo("慰问金额未填写，此项必须填写");
        });
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("amount")]).isNull();
    }

    @Test
    void treatsCellsBeyondTheEndOfAShortRowAsEmpty() {
        DatasetMapping mapping = Fixtures.mapping("welfare");
        HeaderLayout layout = layout(mapping);

        ValidatedRow row = validator(mapping, "440100").validate(5, List.of("440103", "PZ1", "筹集", "社会捐赠"), layout);

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code, Violation::value)
                .containsExactly(tuple("amount", REQUIRED_MISSING, ""), tuple("movement_date", REQUIRED_MISSING, ""));
    }

    @Test
    void reportsEveryEmptyRequiredCellOfABlankRow() {
        DatasetMapping mapping = Fixtures.mapping("subsidies");

        ValidatedRow row = validator(mapping, "440100").validate(5, List.of(), layout(mapping));

        assertThat(row.violations()).extracting(Violation::columnKey)
                .containsExactly("region_code", "recipient_id", "program", "amount", "paid_date");
        assertThat(row.violations()).extracting(Violation::code).containsOnly(REQUIRED_MISSING);
    }

    // ---- REGION_UNKNOWN, REGION_OUT_OF_JURISDICTION ----

    @Test
    void rejectsARegionCodeNotInTheReference() {
        ValidatedRow row = validate("visits", Map.of("region_code", "440199"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code, Violation::value)
                .containsExactly(tuple("region_code", REGION_UNKNOWN, "440199"));
        assertThat(row.violations().get(0).message()).contains("440199", "不存在");
    }

    @ParameterizedTest
    @ValueSource(strings = {"44010", "4401033", "广州市", "44O103", "440103.5"})
    void rejectsARegionCodeThatIsNotSixDigits(String typed) {
        ValidatedRow row = validate("enterprise_counts", Map.of("region_code", typed));

        assertThat(row.violations()).extracting(Violation::code).containsExactly(REGION_UNKNOWN);
        assertThat(row.violations().get(0).message()).contains("6位数字");
    }

    @Test
    void rejectsARegionOutsideTheSubmittersJurisdiction() {
        ValidatedRow row = validate("visits", Map.of("region_code", "440203"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code)
                .containsExactly(tuple("region_code", REGION_OUT_OF_JURISDICTION));
        assertThat(row.violations().get(0).message()).contains("440203", "武江区", "440100", "广州市");
    }

    @Test
    void rejectsTheProvinceAndSiblingCountiesAsOutOfJurisdiction() {
        assertThat(validate("enterprise_counts", Map.of("region_code", "440000")).violations())
                .extracting(Violation::code).containsExactly(REGION_OUT_OF_JURISDICTION);
        assertThat(validate("enterprise_counts", "440103", Map.of("region_code", "440104")).violations())
                .extracting(Violation::code).containsExactly(REGION_OUT_OF_JURISDICTION);
        assertThat(validate("enterprise_counts", "440103", Map.of("region_code", "440100")).violations())
                .extracting(Violation::code).containsExactly(REGION_OUT_OF_JURISDICTION);
    }

    // ---- ID_INVALID ----

    @Test
    void rejectsAResidentIdWithAWrongCheckCharacter() {
        ValidatedRow row = validate("visits", Map.of("person_id", "110105194912310021"));

        assertThat(row.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.code()).isEqualTo(ID_INVALID);
            assertThat(violation.columnKey()).isEqualTo("person_id");
            assertThat(violation.value()).isEqualTo("110105********0021");
            assertThat(violation.message()).isEqualTo("身份证号校验位错误，请核对后重新填写");
        });
    }

    @Test
    void acceptsTheKnownValidPublicExampleIds() {
        assertThat(validate("visits", Map.of("person_id", "11010519491231002X")).valid()).isTrue();
        assertThat(validate("visits", Map.of("person_id", "440524188001010014")).valid()).isTrue();
    }

    @Test
    void acceptsALowerCaseXAndStoresItUpperCased() {
        ValidatedRow row = validate("visits", Map.of("person_id", " 11010519491231002x "));

        assertThat(row.valid()).isTrue();
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("person_id")]).isEqualTo("11010519491231002X");
    }

    @Test
    void acceptsAFullWidthResidentId() {
        ValidatedRow row = validate("visits", Map.of("person_id", "１１０１０５１９４９１２３１００２Ｘ"));

        assertThat(row.values()[Fixtures.mapping("visits").indexOf("person_id")]).isEqualTo("11010519491231002X");
    }

    @Test
    void rejectsAFifteenDigitResidentId() {
        ValidatedRow row = validate("visits", Map.of("person_id", "110105491231002"));

        assertThat(row.violations()).extracting(Violation::code).containsExactly(ID_INVALID);
        assertThat(row.violations().get(0).message()).contains("18位", "15位");
    }

    @Test
    void rejectsAResidentIdWithAnImpossibleBirthDate() {
        ValidatedRow row = validate("visits", Map.of("person_id", Ids.withIdCheckCharacter("11010519490230002")));

        assertThat(row.violations()).extracting(Violation::code).containsExactly(ID_INVALID);
        assertThat(row.violations().get(0).message()).contains("出生日期");
    }

    @Test
    void neverShowsAnUnmaskedResidentIdInAMessage() {
        ValidatedRow row = validate("visits", Map.of("person_id", "110105194912310021", "visit_date", "110105194912310021",
                "amount", "110105194912310021元元", "category", "11010519491231002X"));

        assertThat(row.violations()).hasSize(4).allSatisfy(violation ->
                assertThat(violation.message()).doesNotContain("110105194912310021", "11010519491231002X"));
        assertThat(row.violations()).extracting(Violation::message).anySatisfy(message -> assertThat(message).contains("110105********0021"));
    }

    // ---- CREDIT_CODE_INVALID ----

    @Test
    void rejectsACreditCodeWithAWrongCheckCharacter() {
        ValidatedRow row = validate("contracts", Map.of("credit_code", "91110000600037341M"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code)
                .containsExactly(tuple("credit_code", CREDIT_CODE_INVALID));
        assertThat(row.violations().get(0).message()).isEqualTo("统一社会信用代码校验位错误，请核对后重新填写");
    }

    @Test
    void rejectsACreditCodeWithALetterOutsideTheAlphabet() {
        ValidatedRow row = validate("contracts", Map.of("credit_code", "91350100O000100Y43"));

        assertThat(row.violations()).extracting(Violation::code).containsExactly(CREDIT_CODE_INVALID);
        assertThat(row.violations().get(0).message()).contains("I、O、Z、S、V");
    }

    @Test
    void acceptsBothKnownValidPublicExampleCreditCodes() {
        assertThat(validate("contracts", Map.of("credit_code", "91350100M000100Y43")).valid()).isTrue();
        assertThat(validate("contracts", Map.of("credit_code", "91110000600037341L")).valid()).isTrue();
    }

    // ---- RESIDENT_ID_OR_CREDIT_CODE ----

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "91350100M000100Y43", "91110000600037341l"})
    void acceptsEitherAResidentIdOrACreditCodeForARecipient(String typed) {
        ValidatedRow row = validate("subsidies", Map.of("recipient_id", typed, "program", "金秋助学"));

        assertThat(row.violations()).isEmpty();
        assertThat(row.values()[Fixtures.mapping("subsidies").indexOf("recipient_id")]).isEqualTo(typed.toUpperCase());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"110105194912310021|ID_INVALID", "11010519491231003X|ID_INVALID", "110105491231002|ID_INVALID",
            "12345|ID_INVALID", "91350100M000100Y44|CREDIT_CODE_INVALID", "91350100M000100Y4|CREDIT_CODE_INVALID",
            "张三|CREDIT_CODE_INVALID", "9135010OM000100Y43|CREDIT_CODE_INVALID"})
    void rejectsARecipientIdByWhatItLooksLike(String typed, RejectionCode code) {
        ValidatedRow row = validate("subsidies", Map.of("recipient_id", typed));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code).containsExactly(tuple("recipient_id", code));
        assertThat(row.violations().get(0).message()).startsWith("受助对象证件号");
    }

    // ---- DATE_INVALID, DATE_OUT_OF_PERIOD ----

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025-13-01", "明天", "2025-1", "45677"})
    void rejectsTextThatIsNotADate(String typed) {
        ValidatedRow row = validate("visits", Map.of("visit_date", typed));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code, Violation::value)
                .containsExactly(tuple("visit_date", DATE_INVALID, typed));
        assertThat(row.violations().get(0).message()).contains("慰问日期", typed, "不是有效日期");
    }

    @Test
    void rejectsAVisitDateOutsideTheSubmissionsMonth() {
        ValidatedRow row = validate("visits", Map.of("visit_date", "2025-02-03"));

        assertThat(row.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.code()).isEqualTo(DATE_OUT_OF_PERIOD);
            assertThat(violation.message()).isEqualTo("慰问日期 2025-02-03 不在报送月份 2025-01 内");
        });
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("visit_date")]).isNull();
    }

    @Test
    void rejectsEveryPeriodDateOutsideTheSubmissionsMonth() {
        assertThat(validate("subsidies", Map.of("paid_date", "2024-12-31")).violations())
                .extracting(Violation::columnKey, Violation::code).containsExactly(tuple("paid_date", DATE_OUT_OF_PERIOD));
        assertThat(validate("contracts", Map.of("signed_date", "2025年2月1日")).violations())
                .extracting(Violation::columnKey, Violation::code).containsExactly(tuple("signed_date", DATE_OUT_OF_PERIOD));
        assertThat(validate("welfare", Map.of("movement_date", "2026-01-15")).violations())
                .extracting(Violation::columnKey, Violation::code).containsExactly(tuple("movement_date", DATE_OUT_OF_PERIOD));
    }

    @Test
    void acceptsTheFirstAndLastDayOfTheMonth() {
        assertThat(validate("visits", Map.of("visit_date", "2025-01-01")).valid()).isTrue();
        assertThat(validate("visits", Map.of("visit_date", "2025/1/31")).valid()).isTrue();
    }

    // ---- NUMBER_INVALID ----

    @Test
    void rejectsMoneyWithMoreThanTwoDecimals() {
        ValidatedRow row = validate("visits", Map.of("amount", "12.345"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code, Violation::value)
                .containsExactly(tuple("amount", NUMBER_INVALID, "12.345"));
        assertThat(row.violations().get(0).message()).isEqualTo("慰问金额最多保留两位小数");
        assertThat(row.values()[Fixtures.mapping("visits").indexOf("amount")]).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,23", "1.2.3", "12a", "1e5", "五百", "万元"})
    void rejectsMoneyThatIsNotANumber(String typed) {
        ValidatedRow row = validate("welfare", Map.of("amount", typed));

        assertThat(row.violations()).extracting(Violation::code).containsExactly(NUMBER_INVALID);
        assertThat(row.violations().get(0).message()).contains("金额", "不是有效数字");
    }

    @Test
    void rejectsACountThatIsNotAWholeNumber() {
        ValidatedRow row = validate("contracts", Map.of("workers_covered", "12.5"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code)
                .containsExactly(tuple("workers_covered", NUMBER_INVALID));
        assertThat(row.violations().get(0).message()).contains("覆盖职工人数", "整数");
    }

    @Test
    void rejectsACountTooLargeForALong() {
        ValidatedRow row = validate("enterprise_counts", Map.of("enterprises_required", "99999999999999999999"));

        assertThat(row.violations()).extracting(Violation::code).containsExactly(NUMBER_INVALID);
    }

    @Test
    void rejectsADecimalThatIsNotANumber() {
        assertThat(validate("contracts", Map.of("term_years", "三年")).violations())
                .extracting(Violation::columnKey, Violation::code).containsExactly(tuple("term_years", NUMBER_INVALID));
    }

    // ---- NEGATIVE ----

    @Test
    void rejectsANegativeAmount() {
        ValidatedRow row = validate("visits", Map.of("amount", "-1"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code).containsExactly(tuple("amount", NEGATIVE));
        assertThat(row.violations().get(0).message()).contains("慰问金额", "不能为负数");
    }

    @Test
    void rejectsZeroWorkersCoveredSayingItMustBeAtLeastOne() {
        ValidatedRow row = validate("contracts", Map.of("workers_covered", "0"));

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code)
                .containsExactly(tuple("workers_covered", NEGATIVE));
        assertThat(row.violations().get(0).message()).contains("覆盖职工人数", "至少为 1");
    }

    @Test
    void rejectsNegativeCountsAndDecimals() {
        assertThat(validate("enterprise_counts", Map.of("enterprises_required", "-3")).violations())
                .extracting(Violation::code).containsExactly(NEGATIVE);
        assertThat(validate("contracts", Map.of("term_years", "-1.5")).violations())
                .extracting(Violation::columnKey, Violation::code).containsExactly(tuple("term_years", NEGATIVE));
    }

    @Test
    void acceptsZeroAsAMinimumOfZero() {
        assertThat(validate("enterprise_counts", Map.of("enterprises_required", "0")).values()).containsExactly("440100", 0L);
        assertThat(validate("visits", Map.of("amount", "0")).valid()).isTrue();
    }

    @Test
    void reportsBothTooManyDecimalsAndANegativeAmount() {
        assertThat(validate("visits", Map.of("amount", "-1.234")).violations())
                .extracting(Violation::code).containsExactly(NUMBER_INVALID, NEGATIVE);
    }

    // ---- OVER_CAP ----

    @Test
    void rejectsAnInnovationStudioPaymentAboveItsCap() {
        ValidatedRow row = validate("subsidies", Map.of("amount", "500,000.01"));

        assertThat(row.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.columnKey()).isEqualTo("amount");
            assertThat(violation.columnHeader()).isEqualTo("补助金额（元）");
            assertThat(violation.code()).isEqualTo(OVER_CAP);
            assertThat(violation.value()).isEqualTo("500,000.01");
            assertThat(violation.message()).isEqualTo("补助金额超过“创新工作室建设补助”每笔上限 500,000.00 元");
        });
        assertThat(row.values()[Fixtures.mapping("subsidies").indexOf("amount")]).isNull();
    }

    @Test
    void acceptsAnInnovationStudioPaymentAtItsCap() {
        ValidatedRow row = validate("subsidies", Map.of("amount", "500,000.00"));

        assertThat(row.valid()).isTrue();
        assertThat(row.values()[Fixtures.mapping("subsidies").indexOf("amount")]).isEqualTo(new BigDecimal("500000.00"));
    }

    @Test
    void appliesTheCapWhicheverSpellingOfTheProgramIsUsed() {
        assertThat(validate("subsidies", Map.of("program", "innovation_studio", "amount", "600000")).violations())
                .extracting(Violation::code).containsExactly(OVER_CAP);
    }

    @Test
    void leavesProgramsWithoutACapUncapped() {
        assertThat(validate("subsidies", Map.of("program", "医疗救助", "amount", "600000")).valid()).isTrue();
    }

    @Test
    void doesNotCapAnAmountWhoseProgramIsUnknown() {
        assertThat(validate("subsidies", Map.of("program", "创新工作室", "amount", "600000")).violations())
                .extracting(Violation::columnKey, Violation::code).containsExactly(tuple("program", VALUE_UNKNOWN));
    }

    // ---- VALUE_UNKNOWN ----

    @Test
    void rejectsACategoryOutsideTheListNamingTheAcceptedLabels() {
        ValidatedRow row = validate("visits", Map.of("category", "退休职工"));

        assertThat(row.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.columnKey()).isEqualTo("category");
            assertThat(violation.code()).isEqualTo(VALUE_UNKNOWN);
            assertThat(violation.value()).isEqualTo("退休职工");
            assertThat(violation.message()).contains("退休职工", "困难职工、新就业形态劳动者、一线职工、劳模、其他");
        });
    }

    @Test
    void rejectsUnknownValuesOfEveryEnumeration() {
        assertThat(validate("welfare", Map.of("direction", "借方", "source", "个人")).violations())
                .extracting(Violation::columnKey, Violation::code)
                .containsExactly(tuple("direction", VALUE_UNKNOWN), tuple("source", VALUE_UNKNOWN));
        assertThat(validate("contracts", Map.of("contract_type", "劳动合同")).violations())
                .extracting(Violation::code).containsExactly(VALUE_UNKNOWN);
    }

    // ---- several reasons ----

    @Test
    void reportsEveryProblemOfARowWithThreeProblems() {
        ValidatedRow row = validate("visits", Map.of("region_code", "440199", "person_id", "110105194912310021", "amount", "12.345"));

        assertThat(row.valid()).isFalse();
        assertThat(row.violations()).extracting(Violation::columnKey, Violation::code).containsExactly(
                tuple("region_code", REGION_UNKNOWN), tuple("person_id", ID_INVALID), tuple("amount", NUMBER_INVALID));
        assertThat(row.values()).containsExactly(null, null, "张三", "difficult_worker", LocalDate.of(2025, 1, 20), null,
                "2025年元旦春节送温暖");
    }

    @Test
    void reportsTheHeaderAsTypedInTheFile() {
        DatasetMapping mapping = Fixtures.mapping("visits");
        HeaderLayout layout = new HeaderLocator(mapping)
                .offer(3, List.of("序号", "区划代码", "身份证号码", "对象类别", "慰问日期", " AMOUNT ")).orElseThrow();

        ValidatedRow row = validator(mapping, "440100").validate(4, List.of("1", "440103", "11010519491231002X", "困难职工", "2025-01-20", "-5"), layout);

        assertThat(row.violations()).extracting(Violation::columnKey, Violation::columnHeader, Violation::code, Violation::value)
                .containsExactly(tuple("amount", " AMOUNT ", NEGATIVE, "-5"));
        assertThat(row.violations().get(0).message()).startsWith("慰问金额");
    }

    @Test
    void readsCellsAtTheColumnsFoundInTheHeader() {
        DatasetMapping mapping = Fixtures.mapping("enterprise_counts");
        HeaderLayout layout = new HeaderLocator(mapping).offer(2, List.of("", "备注", "应建制企业数", "区划代码")).orElseThrow();

        ValidatedRow row = validator(mapping, "440100").validate(3, Arrays.asList(null, "x", "75", "440104"), layout);

        assertThat(row.valid()).isTrue();
        assertThat(row.values()).containsExactly("440104", 75L);
    }

    private static ValidatedRow validate(String dataset, Map<String, String> overrides) {
        return validate(dataset, "440100", overrides);
    }

    /** Validates the valid row of the dataset with some cells replaced, as row 7 of a file with the canonical headers. */
    private static ValidatedRow validate(String dataset, String submitter, Map<String, String> overrides) {
        DatasetMapping mapping = Fixtures.mapping(dataset);
        Map<String, String> cells = new HashMap<>(VALID.get(dataset));
        cells.putAll(overrides);
        List<String> row = mapping.columns().stream().map(c -> cells.get(c.key())).toList();
        return validator(mapping, submitter).validate(7, row, layout(mapping));
    }

    private static HeaderLayout layout(DatasetMapping mapping) {
        return new HeaderLocator(mapping).offer(1, mapping.columns().stream().map(ColumnMapping::header).toList()).orElseThrow();
    }

    private static RowValidator validator(DatasetMapping mapping, String submitter) {
        return new RowValidator(mapping, Fixtures.REGIONS, submitter, PERIOD);
    }
}
