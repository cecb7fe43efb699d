package org.provincial.reporting.report;

import java.sql.Timestamp;
import java.util.List;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.report.WorkbookStyles.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sheet {@code 报送情况}: every expected submitter ({@link RegionReference#expectedSubmitters}) × every dataset (× every
 * month, month by month, over a range), with
 * whether it reported (已报送), did not (未报送) or sent only files that were not accepted (被退回), the version
 * counted, when it arrived, its rows accepted / rejected / deduplicated and the conflicts it is part of.
 */
@Component
class CompletenessSheet {

    static final String NAME = "报送情况";

    static final String REPORTED = "已报送";
    static final String MISSING = "未报送";
    static final String RETURNED = "被退回";

    static final List<String> HEADER = List.of("所属地市", "行政区划代码", "报送单位", "数据", "报送情况", "计入版本", "文件名",
            "接收时间", "收到文件数", "接受行数", "拒收行数", "去重行数", "冲突数", "说明", "月份");

    /** Receipt times are shown in China Standard Time, whatever the server's zone. */
    static final String ZONE = "Asia/Shanghai";

    /**
     * One row per expected submitter and dataset, cities each followed by their counties (a grouping's counties
     * under its name). The file shown is the counted one, else the last received; its whole-file rejection
     * messages explain a 被退回.
     */
    private static final String ROWS = """
            with expected as (
                select r.code, r.name, r.level, r.parent_code, r.rank,
                       case r.level when 'city' then r.name else p.name end as city, d.dataset, d.position
                from region r
                left join region p on p.code = r.parent_code
                cross join unnest(cast(? as text[])) with ordinality as d(dataset, position)
                where r.code = any(cast(? as text[]))
            ),
            months as (
                select cast(m as char(7)) as period from unnest(cast(? as text[])) m
            ),
            received as (
                select s.id, s.period, s.submitter, s.dataset, s.counted, s.version, s.file_name, s.received_at,
                       s.rows_accepted, s.rows_rejected, s.rows_deduplicated,
                       count(*) over files as files,
                       row_number() over (files order by s.counted desc, s.received_at desc, s.id desc) as pick
                from submission s
                where s.province = ? and s.period in (select period from months) and s.dataset is not null
                window files as (partition by s.period, s.submitter, s.dataset)
            )
            select e.city, e.code, e.name, e.dataset, s.id is not null as received, s.counted,
                   case when s.counted then s.version end, s.file_name,
                   s.received_at at time zone '%s', s.files, s.rows_accepted, s.rows_rejected, s.rows_deduplicated,
                   case when s.counted then (select count(*) from conflict c
                                             where c.province = ? and c.period = s.period
                                               and s.id in (c.winner_submission_id, c.loser_submission_id)) end,
                   (select string_agg(distinct j.message, '；') from rejection j
                    where j.submission_id = s.id and j.row_no is null and not s.counted),
                   m.period
            from expected e
            cross join months m
            left join received s on s.period = m.period and s.submitter = e.code and s.dataset = e.dataset and s.pick = 1
            order by m.period, case e.level when 'city' then e.code else e.parent_code end, e.rank, e.code, e.position
            """.formatted(ZONE);

    private final JdbcTemplate jdbc;
    private final DatasetMappings mappings;
    private final RegionReference regions;

    CompletenessSheet(DataSource dataSource, DatasetMappings mappings, RegionReference regions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.mappings = mappings;
        this.regions = regions;
    }

    void write(SXSSFWorkbook workbook, WorkbookStyles styles, String provinceName, ReportPeriod period) {
        SXSSFSheet sheet = workbook.createSheet(NAME);
        styles.label(sheet.createRow(0), 0, provinceName + period.label() + "各地市、县区总工会报送情况"
                + (period.missing().isEmpty() ? "" : "（" + SummarySheet.missingMonths(period) + "）"), styles.title);
        Row header = sheet.createRow(1);
        header.setHeightInPoints(30);
        for (int i = 0; i < HEADER.size(); i++) {
            styles.label(header, i, HEADER.get(i), styles.header);
        }
        int[] widths = {14, 12, 18, 12, 10, 9, 34, 20, 10, 10, 10, 10, 8, 40, 9};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.createFreezePane(0, 2);
        sheet.setAutoFilter(new CellRangeAddress(1, 1, 0, HEADER.size() - 1));
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);

        int[] rowIndex = {2};
        jdbc.query(ROWS, rs -> {
            Row row = sheet.createRow(rowIndex[0]++);
            boolean received = rs.getBoolean(5);
            boolean counted = rs.getBoolean(6);
            styles.label(row, 0, rs.getString(1), styles.text);
            styles.label(row, 1, rs.getString(2).trim(), styles.text);
            styles.label(row, 2, rs.getString(3), styles.text);
            styles.label(row, 3, mappings.get(rs.getString(4)).title(), styles.text);
            if (counted) {
                styles.label(row, 4, REPORTED, styles.text);
            }
            else {
                styles.label(row, 4, received ? RETURNED : MISSING, received ? styles.caution : styles.alert);
            }
            styles.figure(row, 5, rs.getBigDecimal(7), Kind.COUNT, false);
            styles.submitted(row, 6, rs.getString(8));
            Timestamp receivedAt = rs.getTimestamp(9);
            styles.time(row, 7, receivedAt == null ? null : receivedAt.toLocalDateTime());
            for (int column = 8; column <= 12; column++) {
                styles.figure(row, column, rs.getBigDecimal(column + 2), Kind.COUNT, false);
            }
            styles.submitted(row, 13, rs.getString(15));
            styles.label(row, 14, rs.getString(16), styles.text);
        }, DatasetMappings.DATASETS.toArray(String[]::new),
                regions.expectedSubmitters(period.province()).stream().map(Region::code).toArray(String[]::new),
                period.months().toArray(String[]::new), period.province(), period.province());
    }
}
