package org.provincial.reporting.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provincial.reporting.dedup.Deduplicator;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Facts of Guangzhou (440100, with its counties 荔湾 440103 and 越秀 440104) and Shenzhen (440300, with 南山 440305),
 * totalled by hand.
 */
@ReportingTest
class TotalsCalculatorTests {

    static final String PROVINCE = "440000";

    static final String P1 = "110105194912310021";

    static final String P2 = "11010519491231002X";

    static final String P3 = "440103198001010011";

    static final String CREDIT_CODE = "91440101MA5CXXXX1A";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Deduplicator deduplicator;

    @Autowired
    TotalsCalculator totals;

    @Autowired
    DatasetMappings mappings;

    @Autowired
    ResidentIdHashes residentIds;

    StagedRows staged;

    @BeforeEach
    void stagedRows() {
        staged = new StagedRows(jdbc, residentIds);
    }

    @Test
    void writesEveryMeasureOfTheCatalogueForEveryRegionOfTheProvince() {
        String period = "2032-01";
        long written = stageAndCalculate(period);

        long regions = jdbc.queryForObject("select count(*) from region where province_code = ?", Long.class, PROVINCE);
        List<MeasureDefinition> catalogue = TotalsCalculator.catalogue(mappings);
        assertThat(written).isEqualTo(regions * catalogue.size());
        assertThat(jdbc.queryForObject("select count(*) from period_total where province = ? and period = ?", Long.class,
                PROVINCE, period)).isEqualTo(written);
        assertThat(jdbc.queryForList("""
                select region_code from period_total where province = ? and period = ?
                group by region_code having count(*) = ?
                """, String.class, PROVINCE, period, catalogue.size())).hasSize((int) regions);
        assertThat(jdbc.query("select distinct dataset, measure, breakdown from period_total where province = ? and period = ?",
                (rs, n) -> new MeasureDefinition(rs.getString(1), rs.getString(2), rs.getString(3)), PROVINCE, period))
                .containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @Test
    void fillsZerosWhereARegionHasNoFacts() {
        String period = "2032-02";
        stageAndCalculate(period);

        Map<String, String> haizhu = figures(period, "440105");
        assertThat(haizhu).containsEntry("visits person_visits", "0")
                .containsEntry("visits person_visits/other", "0")
                .containsEntry("visits amount_yuan", "0.00")
                .containsEntry("subsidies amount_yuan/medical_aid", "0.00")
                .containsEntry("contracts enterprises_required", "0")
                .containsEntry("welfare raised_yuan/donation", "0.00")
                .containsEntry("welfare internal_transfer_yuan", "0.00");
        assertThat(haizhu.get("contracts establishment_rate")).isNull();
        assertThat(figures(period, "440300")).containsEntry("visits person_visits/frontline", "0");
    }

    @Test
    void countsVisitsPerCategoryAndEachPersonOnceWithinARegion() {
        String period = "2032-03";
        stageAndCalculate(period);

        assertThat(figures(period, "440103")).containsEntry("visits person_visits", "1")
                .containsEntry("visits person_visits/difficult_worker", "1")
                .containsEntry("visits distinct_persons", "1");
        assertThat(figures(period, "440100")).containsEntry("visits person_visits", "3")
                .containsEntry("visits person_visits/difficult_worker", "1")
                .containsEntry("visits person_visits/frontline", "1")
                .containsEntry("visits person_visits/model_worker", "1")
                .containsEntry("visits person_visits/new_employment", "0")
                .containsEntry("visits distinct_persons", "2");
        assertThat(figures(period, PROVINCE)).containsEntry("visits person_visits", "4")
                .containsEntry("visits person_visits/difficult_worker", "2")
                .containsEntry("visits distinct_persons", "3");
        assertThat(figures(period, "440300")).containsEntry("visits person_visits", "1")
                .containsEntry("visits distinct_persons", "1");
    }

    @Test
    void sumsMoneyExactlyPerRegionAndPerKey() {
        String period = "2032-04";
        stageAndCalculate(period);

        assertThat(figures(period, "440103")).containsEntry("visits amount_yuan", "0.10");
        assertThat(figures(period, "440104")).containsEntry("visits amount_yuan", "0.20");
        assertThat(figures(period, "440100")).containsEntry("visits amount_yuan", "0.30")
                .containsEntry("subsidies payments", "2")
                .containsEntry("subsidies payments/education_aid", "1")
                .containsEntry("subsidies payments/difficulty_relief", "0")
                .containsEntry("subsidies distinct_recipients", "1")
                .containsEntry("subsidies amount_yuan", "1500.50")
                .containsEntry("subsidies amount_yuan/medical_aid", "500.50");
        assertThat(figures(period, PROVINCE)).containsEntry("visits amount_yuan", "50.30")
                .containsEntry("subsidies payments", "3")
                .containsEntry("subsidies distinct_recipients", "2")
                .containsEntry("subsidies amount_yuan", "501500.50")
                .containsEntry("subsidies amount_yuan/innovation_studio", "500000.00");
    }

    @Test
    void sumsContractsAndEnterprisesRequiredOverTheRegionAndBelow() {
        String period = "2032-05";
        stageAndCalculate(period);

        assertThat(figures(period, "440104")).containsEntry("contracts contracts", "31")
                .containsEntry("contracts workers_covered", "607")
                .containsEntry("contracts enterprises_with_contract", "31")
                .containsEntry("contracts enterprises_required", "40");
        assertThat(figures(period, "440100")).containsEntry("contracts contracts", "81")
                .containsEntry("contracts contracts/comprehensive", "50")
                .containsEntry("contracts contracts/wage", "30")
                .containsEntry("contracts contracts/female", "1")
                .containsEntry("contracts contracts/industry", "0")
                .containsEntry("contracts workers_covered", "1107")
                .containsEntry("contracts enterprises_with_contract", "80")
                .containsEntry("contracts enterprises_required", "99");
        assertThat(figures(period, PROVINCE)).containsEntry("contracts contracts", "82")
                .containsEntry("contracts workers_covered", "1122")
                .containsEntry("contracts enterprises_with_contract", "81")
                .containsEntry("contracts enterprises_required", "131");
    }

    @Test
    void computesTheEstablishmentRateOfEachRegionFromItsOwnTotalsRoundedHalfUp() {
        String period = "2032-06";
        stageAndCalculate(period);

        assertThat(rate(period, "440100")).isEqualTo("0.8081");
        assertThat(rate(period, "440103")).isEqualTo("1.0000");
        assertThat(rate(period, "440104")).isEqualTo("0.7750");
        assertThat(rate(period, "440305")).isEqualTo("0.0313");
        assertThat(rate(period, "440300")).isEqualTo("0.0313");
        assertThat(rate(period, "440111")).isEqualTo("0.0000");
        assertThat(rate(period, PROVINCE)).isEqualTo("0.6183");
        assertThat(rate(period, "440106")).isNull();
        assertThat(rate(period, "440105")).isNull();
    }

    @Test
    void reportsUpperAllocationsAsInternalTransferNotAsMoneyRaised() {
        String period = "2032-07";
        stageAndCalculate(period);

        assertThat(figures(period, "440103")).containsEntry("welfare raised_yuan", "200.50")
                .containsEntry("welfare raised_yuan/donation", "200.50")
                .containsEntry("welfare disbursed_yuan", "800.00")
                .containsEntry("welfare internal_transfer_yuan", "1000.00");
        assertThat(figures(period, "440100")).containsEntry("welfare raised_yuan", "1200.50")
                .containsEntry("welfare raised_yuan/acftu", "1000.00")
                .containsEntry("welfare raised_yuan/donation", "200.50")
                .containsEntry("welfare raised_yuan/enterprise", "0.00")
                .containsEntry("welfare disbursed_yuan", "3800.00")
                .containsEntry("welfare internal_transfer_yuan", "6000.00")
                .doesNotContainKey("welfare raised_yuan/upper_allocation");
        assertThat(figures(period, PROVINCE)).containsEntry("welfare raised_yuan", "1200.50");
    }

    @Test
    void writesTheSameRowsWhenRunAgain() {
        String period = "2032-08";
        long first = stageAndCalculate(period);
        List<Map<String, Object>> rows = allRows(period);

        long second = totals.calculate(PROVINCE, period);

        assertThat(second).isEqualTo(first);
        assertThat(allRows(period)).isEqualTo(rows);
    }

    @Test
    void refreshesThePlannersStatisticsOfTheTotalsOnceTheyAreStored() {
        stageAndCalculate("2032-09");

        // ANALYZE reads every page of a table this small, so its row count is exact
        assertThat(jdbc.queryForObject("select reltuples::bigint from pg_class where oid = 'period_total'::regclass",
                Long.class)).isEqualTo(jdbc.queryForObject("select count(*) from period_total", Long.class));
    }

    @Test
    void ordersTheCatalogueByDatasetThenMeasureWithEachTotalBeforeItsBreakdowns() {
        List<String> catalogue = TotalsCalculator.catalogue(mappings).stream()
                .map(m -> m.dataset() + " " + m.measure() + (m.breakdown().isEmpty() ? "" : "/" + m.breakdown()))
                .toList();

        assertThat(catalogue).startsWith("visits person_visits", "visits person_visits/difficult_worker",
                "visits person_visits/new_employment", "visits person_visits/frontline", "visits person_visits/model_worker",
                "visits person_visits/other", "visits distinct_persons", "visits amount_yuan", "subsidies payments");
        assertThat(catalogue).containsSubsequence("subsidies amount_yuan", "subsidies amount_yuan/difficulty_relief",
                "contracts contracts", "contracts contracts/regional", "contracts workers_covered",
                "contracts enterprises_with_contract", "contracts enterprises_required", "contracts establishment_rate",
                "welfare raised_yuan", "welfare raised_yuan/acftu", "welfare raised_yuan/enterprise", "welfare disbursed_yuan");
        assertThat(catalogue).endsWith("welfare internal_transfer_yuan")
                .doesNotContain("welfare raised_yuan/upper_allocation")
                .doesNotHaveDuplicates();
    }

    @Test
    void addsABreakdownForEveryValueAddedToTheMapping() throws Exception {
        List<Resource> files = new ArrayList<>();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:mappings/*.yaml")) {
            if ("checks.yaml".equals(file.getFilename())) {
                continue;
            }
            String yaml = file.getContentAsString(StandardCharsets.UTF_8);
            files.add(new ByteArrayResource(yaml.replace("      other: [其他]\n  - key: amount",
                    "      legal_aid: [法律援助]\n      other: [其他]\n  - key: amount").getBytes(StandardCharsets.UTF_8)));
        }

        List<MeasureDefinition> catalogue = TotalsCalculator.catalogue(DatasetMappings.load(files));

        assertThat(catalogue).containsSubsequence(new MeasureDefinition("subsidies", "payments", "legal_aid"),
                new MeasureDefinition("subsidies", "payments", "other"),
                new MeasureDefinition("subsidies", "amount_yuan", "legal_aid"));
        assertThat(catalogue).hasSize(TotalsCalculator.catalogue(mappings).size() + 2);
    }

    @Test
    void refusesMappingsThatLackAValueTheTotalsName() throws Exception {
        List<Resource> files = new ArrayList<>();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:mappings/*.yaml")) {
            if (DatasetMappings.CHECKS_FILE.equals(file.getFilename())) {
                continue;
            }
            String yaml = file.getContentAsString(StandardCharsets.UTF_8);
            files.add(new ByteArrayResource(yaml.replace("      upper_allocation: [上级工会拨付]",
                    "      upper_transfer: [上级工会拨付]").getBytes(StandardCharsets.UTF_8), file.getFilename()));
        }
        DatasetMappings renamed = DatasetMappings.load(files);

        assertThatThrownBy(() -> TotalsCalculator.checkNamedValues(renamed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'upper_allocation' of the column source of the dataset welfare")
                .hasMessageContaining("upper_transfer");
    }

    /** Stages the two cities' and three counties' files, deduplicates and calculates; returns the rows written. */
    long stageAndCalculate(String period) {
        String day = period + "-10";
        long liwan = staged.submission("440103", "visits", period);
        staged.visit(liwan, 2, "440103", P1, "difficult_worker", day, "0.10");
        long yuexiu = staged.submission("440104", "visits", period);
        staged.visit(yuexiu, 2, "440104", P1, "frontline", day, "0.20");
        long guangzhou = staged.submission("440100", "visits", period);
        staged.visit(guangzhou, 2, "440100", P2, "model_worker", day, "0.00");
        staged.visit(guangzhou, 3, "440103", P1, "difficult_worker", day, "0.10");
        long nanshan = staged.submission("440305", "visits", period);
        staged.visit(nanshan, 2, "440305", P3, "difficult_worker", day, "50.00");

        staged.subsidy(staged.submission("440103", "subsidies", period), 2, "440103", P1, "education_aid", day, "1000.00");
        staged.subsidy(staged.submission("440104", "subsidies", period), 2, "440104", P1, "medical_aid", day, "500.50");
        staged.subsidy(staged.submission("440305", "subsidies", period), 2, "440305", CREDIT_CODE, "innovation_studio", day,
                "500000.00");

        long liwanContracts = staged.submission("440103", "contracts", period);
        staged.contracts(liwanContracts, 2, "440103", "comprehensive", day, 1, 50, 10);
        long yuexiuContracts = staged.submission("440104", "contracts", period);
        staged.contracts(yuexiuContracts, 2, "440104", "wage", day, 51, 30, 20);
        staged.contracts(yuexiuContracts, 40, "440104", "female", day, 1, 1, 7);
        staged.contracts(staged.submission("440305", "contracts", period), 2, "440305", "industry", day, 81, 1, 15);

        long guangzhouCounts = staged.submission("440100", "enterprise_counts", period);
        staged.enterpriseCount(guangzhouCounts, 2, "440100", 4);
        staged.enterpriseCount(guangzhouCounts, 3, "440111", 5);
        staged.enterpriseCount(guangzhouCounts, 4, "440106", 0);
        staged.enterpriseCount(staged.submission("440103", "enterprise_counts", period), 2, "440103", 50);
        staged.enterpriseCount(staged.submission("440104", "enterprise_counts", period), 2, "440104", 40);
        staged.enterpriseCount(staged.submission("440305", "enterprise_counts", period), 2, "440305", 32);

        long guangzhouWelfare = staged.submission("440100", "welfare", period);
        staged.welfare(guangzhouWelfare, 2, "440100", "GZ-1", "raised", "acftu", "1000.00", day);
        staged.welfare(guangzhouWelfare, 3, "440100", "GZ-2", "raised", "upper_allocation", "5000.00", day);
        staged.welfare(guangzhouWelfare, 4, "440100", "GZ-3", "disbursed", "city", "3000.00", day);
        long liwanWelfare = staged.submission("440103", "welfare", period);
        staged.welfare(liwanWelfare, 2, "440103", "LW-1", "raised", "donation", "200.50", day);
        staged.welfare(liwanWelfare, 3, "440103", "LW-2", "raised", "upper_allocation", "1000.00", day);
        staged.welfare(liwanWelfare, 4, "440103", "LW-3", "disbursed", "upper_allocation", "800.00", day);

        deduplicator.deduplicate(PROVINCE, period);
        return totals.calculate(PROVINCE, period);
    }

    /** The figures of a region keyed "dataset measure" or "dataset measure/breakdown", values as PostgreSQL prints them. */
    Map<String, String> figures(String period, String region) {
        Map<String, String> figures = new HashMap<>();
        jdbc.query("""
                select dataset, measure, breakdown, value::text from period_total
                where province = ? and period = ? and region_code = ?
                """, rs -> {
            String breakdown = rs.getString(3).isEmpty() ? "" : "/" + rs.getString(3);
            figures.put(rs.getString(1) + " " + rs.getString(2) + breakdown, rs.getString(4));
        }, PROVINCE, period, region);
        return figures;
    }

    String rate(String period, String region) {
        Map<String, String> figures = figures(period, region);
        assertThat(figures).containsKey("contracts establishment_rate");
        return figures.get("contracts establishment_rate");
    }

    List<Map<String, Object>> allRows(String period) {
        return jdbc.queryForList("""
                select dataset, region_code, measure, breakdown, value::text as value from period_total
                where province = ? and period = ?
                order by dataset, region_code, measure, breakdown
                """, PROVINCE, period);
    }
}
