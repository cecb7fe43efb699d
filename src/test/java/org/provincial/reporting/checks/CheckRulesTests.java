package org.provincial.reporting.checks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.checks.CheckRules.Rule;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionLevel;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped rules of mappings/checks.yaml over hand-made figures of one region, and rule files refused at load. */
class CheckRulesTests {

    static List<MeasureDefinition> catalogue;

    static CheckRules shipped;

    @BeforeAll
    static void loadTheShippedRules() throws IOException {
        DatasetMappings mappings = DatasetMappings.load(
                List.of(new PathMatchingResourcePatternResolver().getResources("file:mappings/*.yaml")));
        catalogue = TotalsCalculator.catalogue(mappings);
        shipped = CheckRules.load(new FileSystemResource("mappings/checks.yaml"), catalogue);
    }

    @Test
    void shipsSevenRulesAndTheHistorySettings() {
        assertThat(shipped.rules()).extracting(Rule::id).containsExactly("welfare_disbursed_within_funds",
                "contracts_within_required", "visit_average_amount_band", "visit_money_without_disbursement",
                "disbursed_without_visits", "workers_covered_at_least_contracts", "visit_file_average_amount_band");
        assertThat(shipped.rule("welfare_disbursed_within_funds").levels())
                .containsExactly(RegionLevel.COUNTY, RegionLevel.CITY, RegionLevel.PROVINCE);
        assertThat(shipped.rule("welfare_disbursed_within_funds").submissionDataset()).isNull();
        assertThat(shipped.rule("visit_file_average_amount_band").levels()).isEmpty();
        assertThat(shipped.rule("visit_file_average_amount_band").submissionDataset()).isEqualTo("visits");
        assertThat(shipped.outliers().months()).isEqualTo(6);
        assertThat(shipped.outliers().minimumMonths()).isEqualTo(3);
        assertThat(shipped.outliers().above()).isEqualByComparingTo("3");
        assertThat(shipped.outliers().below()).isEqualByComparingTo("3");
        assertThat(shipped.silentImportance()).isEqualTo("高");
    }

    @Test
    void flagsWelfareDisbursedAboveWhatWasRaisedAndPassedDown() {
        Rule rule = shipped.rule("welfare_disbursed_within_funds");
        assertThat(passes(rule, Map.of("welfare.disbursed_yuan", "1500.01", "welfare.raised_yuan", "1000.00",
                "welfare.internal_transfer_yuan", "500.00"))).isFalse();
        assertThat(passes(rule, Map.of("welfare.disbursed_yuan", "1500.00", "welfare.raised_yuan", "1000.00",
                "welfare.internal_transfer_yuan", "500.00"))).isTrue();
        assertThat(rule.message(figures(Map.of("welfare.disbursed_yuan", "1500.01", "welfare.raised_yuan", "1000.00",
                "welfare.internal_transfer_yuan", "500.00"))))
                .isEqualTo("发放 1500.01 元，超过筹集 1000.00 元与上级工会拨付 500.00 元之和");
        assertThat(rule.measures()).containsExactly("welfare.disbursed_yuan", "welfare.raised_yuan",
                "welfare.internal_transfer_yuan");
    }

    @Test
    void flagsMoreEnterprisesWithAContractThanRequired() {
        Rule rule = shipped.rule("contracts_within_required");
        assertThat(passes(rule, Map.of("contracts.enterprises_with_contract", "10", "contracts.enterprises_required", "9")))
                .isFalse();
        assertThat(passes(rule, Map.of("contracts.enterprises_with_contract", "3", "contracts.enterprises_required", "0")))
                .isFalse();
        assertThat(passes(rule, Map.of("contracts.enterprises_with_contract", "9", "contracts.enterprises_required", "9")))
                .isTrue();
    }

    @Test
    void flagsAnAverageVisitAmountOutsideOneHundredToThreeThousandYuan() {
        Rule rule = shipped.rule("visit_average_amount_band");
        assertThat(passes(rule, Map.of("visits.person_visits", "1", "visits.amount_yuan", "50000.00"))).isFalse();
        assertThat(passes(rule, Map.of("visits.person_visits", "10", "visits.amount_yuan", "990.00"))).isFalse();
        assertThat(passes(rule, Map.of("visits.person_visits", "10", "visits.amount_yuan", "1000.00"))).isTrue();
        assertThat(passes(rule, Map.of("visits.person_visits", "10", "visits.amount_yuan", "30000.00"))).isTrue();
        assertThat(passes(rule, Map.of("visits.person_visits", "10", "visits.amount_yuan", "30000.10"))).isFalse();
        // no visits: nothing to divide, nothing to flag
        assertThat(passes(rule, Map.of("visits.person_visits", "0", "visits.amount_yuan", "0.00"))).isTrue();
    }

    @Test
    void flagsVisitMoneyWithoutWelfareDisbursed() {
        Rule rule = shipped.rule("visit_money_without_disbursement");
        assertThat(passes(rule, Map.of("visits.amount_yuan", "800.00", "welfare.disbursed_yuan", "0.00"))).isFalse();
        assertThat(passes(rule, Map.of("visits.amount_yuan", "800.00", "welfare.disbursed_yuan", "100.00"))).isTrue();
        assertThat(passes(rule, Map.of("visits.amount_yuan", "0.00", "welfare.disbursed_yuan", "0.00"))).isTrue();
    }

    @Test
    void flagsWelfareDisbursedWithoutAnyVisit() {
        Rule rule = shipped.rule("disbursed_without_visits");
        assertThat(passes(rule, Map.of("welfare.disbursed_yuan", "100.00", "visits.person_visits", "0"))).isFalse();
        assertThat(passes(rule, Map.of("welfare.disbursed_yuan", "100.00", "visits.person_visits", "1"))).isTrue();
        assertThat(passes(rule, Map.of("welfare.disbursed_yuan", "0.00", "visits.person_visits", "0"))).isTrue();
    }

    @Test
    void flagsFewerWorkersCoveredThanContracts() {
        Rule rule = shipped.rule("workers_covered_at_least_contracts");
        assertThat(passes(rule, Map.of("contracts.workers_covered", "4", "contracts.contracts", "5"))).isFalse();
        assertThat(passes(rule, Map.of("contracts.workers_covered", "5", "contracts.contracts", "5"))).isTrue();
    }

    @Test
    void flagsAVisitFileWhoseAverageAmountIsOutsideOneHundredToThreeThousandYuan() {
        Rule rule = shipped.rule("visit_file_average_amount_band");
        assertThat(passes(rule, Map.of("visits.person_visits", "2", "visits.amount_yuan", "50100.00"))).isFalse();
        assertThat(passes(rule, Map.of("visits.person_visits", "3", "visits.amount_yuan", "297.00"))).isFalse();
        assertThat(passes(rule, Map.of("visits.person_visits", "3", "visits.amount_yuan", "300.00"))).isTrue();
        assertThat(passes(rule, Map.of("visits.person_visits", "3", "visits.amount_yuan", "9000.00"))).isTrue();
        assertThat(passes(rule, Map.of("visits.person_visits", "3", "visits.amount_yuan", "9000.03"))).isFalse();
        assertThat(rule.message(figures(Map.of("visits.person_visits", "2", "visits.amount_yuan", "50100.00"))))
                .isEqualTo("本文件慰问 2 人次共 50100.00 元，平均每人次不在 100～3000 元之间");
        assertThat(rule.measures()).containsExactly("visits.amount_yuan", "visits.person_visits");
    }

    @Test
    void judgesEachFileOfTheOneDatasetWhoseRowsGiveEveryMeasureTheRuleNames() {
        assertThat(loadAt("[submission]", "disbursed_yuan <= raised_yuan + internal_transfer_yuan", "测试").rules().get(0)
                .submissionDataset()).isEqualTo("welfare");
        assertThat(loadAt("[county, submission]", "enterprises_required >= 0", "测试").rules().get(0))
                .extracting(Rule::levels, Rule::submissionDataset)
                .containsExactly(List.of(RegionLevel.COUNTY), "enterprise_counts");
        assertThatThrownBy(() -> loadAt("submission", "enterprises_with_contract <= enterprises_required", "测试"))
                .hasMessage("Check rule test: at level submission a rule names the measures of one dataset's files, not "
                        + "of contracts and enterprise_counts (contracts.enterprises_with_contract, "
                        + "contracts.enterprises_required)");
        assertThatThrownBy(() -> loadAt("submission", "person_visits > 0", "{disbursed_yuan}"))
                .hasMessage("Check rule test: at level submission a rule names the measures of one dataset's files, not "
                        + "of visits and welfare (visits.person_visits, welfare.disbursed_yuan)");
        assertThatThrownBy(() -> loadAt("submission", "establishment_rate >= 0.6", "测试"))
                .hasMessage("Check rule test: contracts.establishment_rate is not a figure of one file (level submission:"
                        + " a rule over the rows of one submitted file)");
        assertThatThrownBy(() -> loadAt("file", "person_visits > 0", "测试"))
                .hasMessage("Check rule test: unknown level 'file' (county, city, province or submission)");
    }

    @Test
    void comparesAQuotientWithBetweenAndQualifiedMeasures() {
        Rule rule = load("band", "payments == 0 or subsidies.amount_yuan / payments between {100, 3000}").rules().get(0);
        assertThat(passes(rule, Map.of("subsidies.payments", "4", "subsidies.amount_yuan", "1200.00"))).isTrue();
        assertThat(passes(rule, Map.of("subsidies.payments", "4", "subsidies.amount_yuan", "399.96"))).isFalse();
        assertThat(rule.measures()).containsExactly("subsidies.payments", "subsidies.amount_yuan");
    }

    @Test
    void refusesASyntaxErrorNamingTheRule() {
        assertThatThrownBy(() -> load("broken_syntax", "disbursed_yuan <= (raised_yuan +"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Check rule broken_syntax: the expression 'disbursed_yuan <= (raised_yuan +' cannot be parsed");
    }

    @Test
    void refusesAnUnknownMeasureNamingTheRule() {
        assertThatThrownBy(() -> load("typo", "disbursed_yuan <= raised_yaun"))
                .hasMessage("Check rule typo: unknown measure 'raised_yaun'");
        assertThatThrownBy(() -> load("ambiguous", "amount_yuan > 0"))
                .hasMessage("Check rule ambiguous: unknown measure 'amount_yuan' (amount_yuan is a measure of visits and "
                        + "subsidies: write visits.amount_yuan or subsidies.amount_yuan)");
    }

    @Test
    void refusesTypeReferencesMethodCallsAndBeanReferences() {
        assertThatThrownBy(() -> load("runtime", "T(java.lang.Runtime).getRuntime().exec('id') == null"))
                .hasMessageStartingWith("Check rule runtime: ")
                .hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> load("method", "disbursed_yuan.negate() < 0"))
                .hasMessageStartingWith("Check rule method: ")
                .hasMessageContaining("MethodReference");
        assertThatThrownBy(() -> load("bean", "@dataSource == null"))
                .hasMessageStartingWith("Check rule bean: ")
                .hasMessageContaining("BeanReference");
        assertThatThrownBy(() -> load("constructor", "new java.io.File('x') == null"))
                .hasMessageStartingWith("Check rule constructor: ")
                .hasMessageContaining("ConstructorReference");
    }

    @Test
    void refusesAnExpressionThatIsNotAConditionAndAMessageNamingAnUnknownMeasure() {
        assertThatThrownBy(() -> load("sum", "raised_yuan + internal_transfer_yuan"))
                .hasMessage("Check rule sum: the expression 'raised_yuan + internal_transfer_yuan' is not a condition (true or false)");
        assertThatThrownBy(() -> CheckRules.load(yaml("""
                rules:
                  - id: placeholder
                    name: 测试
                    importance: 高
                    level: county
                    expression: contracts >= 0
                    message: 合同 {contract} 份
                """), catalogue)).hasMessage("Check rule placeholder: the message names an unknown measure {contract}");
    }

    private static boolean passes(Rule rule, Map<String, String> values) {
        return (Boolean) rule.evaluate(figures(values));
    }

    /** Every measure 0 but the given ones. */
    private static Map<String, Object> figures(Map<String, String> values) {
        Map<String, BigDecimal> figures = new HashMap<>();
        catalogue.stream().filter(m -> m.breakdown().isEmpty())
                .forEach(m -> figures.put(m.dataset() + "." + m.measure(), BigDecimal.ZERO));
        values.forEach((name, value) -> figures.put(name, new BigDecimal(value)));
        return shipped.figures(figures);
    }

    private static CheckRules load(String id, String expression) {
        return CheckRules.load(yaml("""
                rules:
                  - id: %s
                    name: 测试
                    importance: 中
                    level: county
                    expression: "%s"
                    message: 测试
                """.formatted(id, expression.replace("\"", "\\\""))), catalogue);
    }

    private static CheckRules loadAt(String level, String expression, String message) {
        return CheckRules.load(yaml("""
                rules:
                  - id: test
                    name: 测试
                    importance: 低
                    level: %s
                    expression: "%s"
                    message: "%s"
                """.formatted(level, expression, message)), catalogue);
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
    }
}
