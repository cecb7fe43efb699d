package org.provincial.reporting.web;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.provincial.reporting.privacy.ResidentIdHashes;
import org.provincial.reporting.support.ReportingTest;
import org.provincial.reporting.support.StagedRows;
import org.provincial.reporting.web.Completeness.Block;
import org.provincial.reporting.web.Completeness.Cell;
import org.provincial.reporting.web.Completeness.State;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's completeness map of 湖北 and 海南 (SPEC §1): a grouping's block holds its counties, never a tile of
 * its own, so every province can reach 100 %; 东莞, a city without counties, is a block of one tile.
 */
@ReportingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupingCompletenessTests {

    static final String PERIOD = "2028-02";

    @Autowired
    SubmissionQueries submissions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResidentIdHashes residentIds;

    @BeforeAll
    void countXiantaosVisitsAndEveryDatasetOfDongguan() {
        StagedRows staged = new StagedRows(jdbc, residentIds);
        staged.submission("429004", "visits", PERIOD);
        for (String dataset : List.of("visits", "subsidies", "contracts", "enterprise_counts", "welfare")) {
            staged.submission("441900", dataset, PERIOD);
        }
        jdbc.update("update submission set counted = true where period = ? and submitter in ('429004', '441900')",
                PERIOD);
    }

    @Test
    void showsTheCountiesOfHubeisGroupingUnderItsNameWithoutATileForIt() {
        List<Block> hubei = submissions.completeness("420000", PERIOD);

        assertThat(hubei).hasSize(14);
        assertThat(hubei).flatExtracting(Block::cells).hasSize(118).extracting(Cell::code).doesNotContain("429000");
        assertThat(hubei.get(hubei.size() - 1)).satisfies(grouping -> {
            assertThat(grouping.name()).isEqualTo("省直辖县级行政区划");
            assertThat(grouping.cells()).extracting(Cell::name).containsExactly("仙桃市", "潜江市", "天门市", "神农架林区");
            assertThat(grouping.cells().get(0).state()).isEqualTo(State.PARTLY);
            // 仙桃市 counted one dataset of five: 已报齐 0/4
            assertThat(grouping.submitted()).isZero();
            assertThat(grouping.expected()).isEqualTo(4);
        });
        assertThat(hubei.get(0).name()).isEqualTo("武汉市");
        assertThat(hubei.get(0).cells().get(0).code()).isEqualTo("420100");
    }

    @Test
    void showsHainansFifteenDirectlyGovernedCountiesAndNoCityLevelTileForTheGrouping() {
        List<Block> hainan = submissions.completeness("460000", PERIOD);

        assertThat(hainan).extracting(Block::name).containsExactly("海口市", "三亚市", "三沙市", "儋州市", "省直辖县级行政区划");
        assertThat(hainan.get(4).cells()).hasSize(15).allMatch(cell -> cell.code().startsWith("4690"))
                .allMatch(cell -> cell.state() == State.MISSING);
        assertThat(hainan).flatExtracting(Block::cells).hasSize(30);
    }

    @Test
    void showsDongguanAsABlockOfItsOwnTileSubmitted() {
        List<Block> guangdong = submissions.completeness("440000", PERIOD);

        assertThat(guangdong).filteredOn(block -> block.name().equals("东莞市")).singleElement()
                .satisfies(block -> {
                    assertThat(block.cells()).singleElement().satisfies(cell -> {
                        assertThat(cell.code()).isEqualTo("441900");
                        assertThat(cell.state()).isEqualTo(State.SUBMITTED);
                    });
                    // the dashboard's 已报齐 1/1
                    assertThat(block.submitted()).isEqualTo(1);
                    assertThat(block.expected()).isEqualTo(1);
                });
    }
}
