package org.provincial.reporting.ingest.validate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTests {

    @Test
    void namesTheFirstRowOfADuplicate() {
        assertThat(Messages.duplicateRowMessage(12)).contains("第 12 行", "重复");
    }

    @Test
    void saysAFileWithoutDataRowsHasNone() {
        assertThat(Messages.empty()).isEqualTo("文件没有数据行");
    }

    @Test
    void statesTheShareOfInvalidRowsAndTheThreshold() {
        assertThat(Messages.tooManyInvalid(601, 1000, 50)).contains("1000 行", "601 行", "60.1%", "50%");
        assertThat(Messages.tooManyInvalid(3, 4, 50)).contains("75%");
        assertThat(Messages.tooManyInvalid(0, 0, 50)).contains("0%");
    }

    @Test
    void namesTheMissingColumnWithEveryAcceptedHeader() {
        assertThat(Messages.columnMissing(Fixtures.mapping("visits").column("amount").orElseThrow(), List.of()))
                .contains("“慰问金额（元）”", "慰问金额、金额、慰问金、amount");
    }

    @Test
    void namesTheSheetsLookedAtWhenAWorkbookHasNoHeaderRow() {
        assertThat(Messages.columnMissing(Fixtures.mapping("visits").column("amount").orElseThrow(), List.of("填报说明", "Sheet2")))
                .endsWith("（已查找的工作表：“填报说明”、“Sheet2”；隐藏的工作表不会被读取）");
    }

    @Test
    void namesTheFileInFileLevelMessages() {
        assertThat(Messages.nameInvalid("慰问表.xlsx")).contains("慰问表.xlsx", "440103_visits_2025-01.xlsx");
        assertThat(Messages.submitterMismatch("440104", "440103")).contains("440104", "440103");
        assertThat(Messages.duplicateFile("440103_visits_2025-01.xlsx")).contains("440103_visits_2025-01.xlsx");
        assertThat(Messages.unreadable()).contains("无法读取");
    }

    @Test
    void dropsTheUnitFromAColumnsLabel() {
        assertThat(Messages.label(Fixtures.mapping("visits").column("amount").orElseThrow())).isEqualTo("慰问金额");
        assertThat(Messages.label(Fixtures.mapping("contracts").column("term_years").orElseThrow())).isEqualTo("合同期限");
        assertThat(Messages.label(Fixtures.mapping("visits").column("visit_date").orElseThrow())).isEqualTo("慰问日期");
    }

    @Test
    void masksResidentIdsQuotedInMessages() {
        assertThat(Messages.shown("11010519491231002x")).isEqualTo("110105********002x");
        assertThat(Messages.shown("2025-13-01")).isEqualTo("2025-13-01");
        assertThat(Messages.shown("12345")).isEqualTo("12345");
        assertThat(Messages.shown("110105194912310021元元")).isEqualTo("110105********0021元元");
        assertThat(Messages.shown("张三 11010519491231002X、110105491231002")).isEqualTo("张三 110105********002X、110105*****1002");
    }
}
