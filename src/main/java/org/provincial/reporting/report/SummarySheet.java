package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTDLbls;
import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.report.WorkbookStyles.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sheet {@code 汇总}: the province's headline figures as the province publishes them (慰问职工46万人次 …), each
 * beside its exact value, a paragraph ready to quote, and bar charts of person-visits and contracts by city.
 */
@Component
class SummarySheet {

    static final String NAME = "汇总";

    /** The label naming the months of a range that no run completed. */
    static final String MISSING_MONTHS = "未汇总月份";

    private static final String RANGE_NOTE = "跨月累计：次数、金额为各月之和；人数、受助对象数、已签订企业数为各月去重；"
            + "应建制企业数为各地区期内最近一次报送数。";

    static final List<String> HEADER = List.of("指标", "发布口径", "精确数", "单位", "上期", "增减%", "去年同期", "同比增减%");

    /** Row of the first headline figure, below the title, the note and the header. */
    static final int FIRST_HEADLINE_ROW = 3;

    /** The charts stand one above the other right of the tables, from the header row down. */
    private static final int CHART_FIRST_COLUMN = 9;
    private static final int CHART_LAST_COLUMN = 19;
    private static final int MINIMUM_CHART_ROWS = 20;

    /** Widths of columns A to H, in characters; the paragraph spans A to D. */
    private static final int[] WIDTHS = {34, 16, 18, 7, 18, 9, 18, 10};
    private static final int PARAGRAPH_WIDTH = IntStream.of(WIDTHS).limit(4).sum();

    private final JdbcTemplate jdbc;
    private final DatasetMappings mappings;

    SummarySheet(DataSource dataSource, DatasetMappings mappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.mappings = mappings;
    }

    void write(SXSSFWorkbook workbook, WorkbookStyles styles, String provinceName, ReportPeriod period) {
        String province = period.province();
        Map<String, BigDecimal> figures = provinceFigures(province, period.key());
        Map<String, BigDecimal> previous = period.previous() == null ? Map.of() : provinceFigures(province, period.previous());
        Map<String, BigDecimal> yearAgo = period.yearAgo() == null ? Map.of() : provinceFigures(province, period.yearAgo());
        SXSSFSheet sheet = workbook.createSheet(NAME);
        for (int i = 0; i < WIDTHS.length; i++) {
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 1);
        Row title = sheet.createRow(PublicationMark.ROW);
        styles.label(title, 0, provinceName + period.label() + "工会工作统计汇总", styles.title);
        styles.label(title, PublicationMark.COLUMN, PublicationMark.NOT_PUBLISHED, styles.alert);
        styles.label(sheet.createRow(1), 0, "口径：记录计入其所在行政区划；县区与地市重复报送的同一记录只计一次；"
                + "上级工会拨付属工会系统内部划拨，不计入筹集。" + (period.singleMonth() ? "" : RANGE_NOTE)
                + "精确数见各分表和 data 表。" + missingMonths(period), styles.note);
        Row header = sheet.createRow(2);
        for (int i = 0; i < HEADER.size(); i++) {
            styles.label(header, i, HEADER.get(i), styles.header);
        }

        int rowIndex = FIRST_HEADLINE_ROW;
        for (Headline headline : headlines()) {
            Row row = sheet.createRow(rowIndex++);
            BigDecimal value = figures.get(headline.figure());
            styles.label(row, 0, headline.label(), headline.detail() ? styles.indentedText : styles.text);
            styles.label(row, 1, published(headline, value), headline.detail() ? styles.text : styles.boldText);
            styles.figure(row, 2, value, headline.kind(), false);
            styles.label(row, 3, headline.unit(), styles.text);
            BigDecimal before = previous.get(headline.figure());
            BigDecimal yearEarlier = yearAgo.get(headline.figure());
            styles.figure(row, 4, before, headline.kind(), false);
            styles.change(row, 5, value, before);
            styles.figure(row, 6, yearEarlier, headline.kind(), false);
            styles.change(row, 7, value, yearEarlier);
        }

        rowIndex++;
        styles.label(sheet.createRow(rowIndex++), 0, "综述", styles.boldText);
        Row paragraph = sheet.createRow(rowIndex);
        String text = paragraph(figures, previous, yearAgo, provinceName, period);
        styles.label(paragraph, 0, text, styles.wrappedText);
        // a merged cell's height is not fitted by spreadsheets: one 15-point line per width of columns A to D
        paragraph.setHeightInPoints(15 * (1 + WorkbookStyles.width(text) / PARAGRAPH_WIDTH));
        sheet.addMergedRegion(new CellRangeAddress(rowIndex, rowIndex, 0, 3));
        rowIndex += 2;

        writeCities(workbook, sheet, styles, province, period.key(), rowIndex);
    }

    /** The note naming the months of the range that no run completed (未汇总月份), empty when there are none. */
    static String missingMonths(ReportPeriod period) {
        return period.missing().isEmpty() ? ""
                : MISSING_MONTHS + "：" + String.join("、", period.missing()) + "（未完成汇总，按无数据计）。";
    }

    /** The figures of the province itself, keyed {@code dataset/measure/breakdown}. */
    private Map<String, BigDecimal> provinceFigures(String province, String period) {
        Map<String, BigDecimal> figures = new HashMap<>();
        jdbc.query("""
                select dataset || '/' || measure || '/' || breakdown, value from period_total
                where province = ? and period = ? and region_code = ?
                """, rs -> {
            figures.put(rs.getString(1), rs.getBigDecimal(2));
        }, province, period, province);
        if (figures.isEmpty()) {
            throw new IllegalStateException("No totals for " + province + " " + period + ": the aggregate step has not run");
        }
        return figures;
    }

    /** The headline figures in publishing order; visits by category follow the mappings. */
    private List<Headline> headlines() {
        List<Headline> headlines = new ArrayList<>();
        headlines.add(new Headline("慰问职工", "visits/person_visits/", Kind.COUNT, "人次", false));
        for (MeasureDefinition category : breakdowns("visits", "person_visits")) {
            headlines.add(new Headline("其中：" + MeasureLabels.breakdown(mappings.get("visits"), category.breakdown()),
                    "visits/person_visits/" + category.breakdown(), Kind.COUNT, "人次", true));
        }
        headlines.add(new Headline("慰问职工人数（去重）", "visits/distinct_persons/", Kind.COUNT, "人", false));
        headlines.add(new Headline("发放慰问金", "visits/amount_yuan/", Kind.MONEY, "元", false));
        headlines.add(new Headline("补助", "subsidies/payments/", Kind.COUNT, "人次", false));
        headlines.add(new Headline("补助金额", "subsidies/amount_yuan/", Kind.MONEY, "元", false));
        headlines.add(new Headline("集体合同", "contracts/contracts/", Kind.COUNT, "份", false));
        headlines.add(new Headline("覆盖职工", "contracts/workers_covered/", Kind.COUNT, "人", false));
        headlines.add(new Headline("已签订集体合同企业", "contracts/enterprises_with_contract/", Kind.COUNT, "家", false));
        headlines.add(new Headline("应建制企业", "contracts/enterprises_required/", Kind.COUNT, "家", false));
        headlines.add(new Headline("建制率", "contracts/establishment_rate/", Kind.RATE, "", false));
        headlines.add(new Headline("筹集送温暖资金", "welfare/raised_yuan/", Kind.MONEY, "元", false));
        headlines.add(new Headline("发放送温暖资金", "welfare/disbursed_yuan/", Kind.MONEY, "元", false));
        headlines.add(new Headline("上级工会拨付（内部划拨，不计入筹集）", "welfare/internal_transfer_yuan/", Kind.MONEY, "元", false));
        return headlines;
    }

    private List<MeasureDefinition> breakdowns(String dataset, String measure) {
        return TotalsCalculator.catalogue(mappings).stream()
                .filter(m -> m.dataset().equals(dataset) && m.measure().equals(measure) && !m.breakdown().isEmpty())
                .toList();
    }

    /**
     * The headlines as one paragraph staff can quote, e.g. 2025年1月，广东省各级工会慰问职工46万人次，其中困难职工7986人次…；
     * categories without visits are left out, and the establishment rate where no enterprise count was reported.
     */
    private String paragraph(Map<String, BigDecimal> figures, Map<String, BigDecimal> previous,
            Map<String, BigDecimal> yearAgo, String provinceName, ReportPeriod period) {
        Comparisons changes = new Comparisons(figures, previous, yearAgo, period.previousWord());
        String categories = breakdowns("visits", "person_visits").stream()
                .filter(category -> figures.get(key(category)).signum() > 0)
                .map(category -> MeasureLabels.breakdown(mappings.get("visits"), category.breakdown())
                        + PublishedFigures.count(figures.get(key(category)), "人次"))
                .collect(Collectors.joining("、"));
        BigDecimal rate = figures.get("contracts/establishment_rate/");
        return period.label() + "，" + provinceName + "各级工会" + (period.singleMonth() ? "" : "累计") + "慰问职工"
                + PublishedFigures.count(figures.get("visits/person_visits/"), "人次")
                + (categories.isEmpty() ? "" : "（其中" + categories + "）")
                + changes.of("visits/person_visits/")
                + "，发放慰问金" + PublishedFigures.money(figures.get("visits/amount_yuan/"))
                + changes.of("visits/amount_yuan/")
                + "；发放补助" + PublishedFigures.count(figures.get("subsidies/payments/"), "人次")
                + "、" + PublishedFigures.money(figures.get("subsidies/amount_yuan/"))
                + changes.of("subsidies/amount_yuan/")
                + "；签订集体合同" + PublishedFigures.count(figures.get("contracts/contracts/"), "份")
                + changes.of("contracts/contracts/")
                + "，覆盖职工" + PublishedFigures.count(figures.get("contracts/workers_covered/"), "人")
                + (rate == null ? "" : "，建制率" + PublishedFigures.rate(rate) + changes.of("contracts/establishment_rate/"))
                + "；筹集送温暖资金" + PublishedFigures.money(figures.get("welfare/raised_yuan/"))
                + changes.of("welfare/raised_yuan/")
                + "，发放送温暖资金" + PublishedFigures.money(figures.get("welfare/disbursed_yuan/"))
                + changes.of("welfare/disbursed_yuan/") + "。";
    }

    /** Person-visits and contracts per city: a small table, and a bar chart of each beside the headlines. */
    private void writeCities(SXSSFWorkbook workbook, SXSSFSheet sheet, WorkbookStyles styles, String province, String period,
            int titleRow) {
        styles.label(sheet.createRow(titleRow), 0, "各地市慰问人次与集体合同", styles.boldText);
        Row header = sheet.createRow(titleRow + 1);
        styles.label(header, 0, "地市", styles.header);
        styles.label(header, 1, "慰问人次", styles.header);
        styles.label(header, 2, "集体合同（份）", styles.header);
        List<String> names = new ArrayList<>();
        List<BigDecimal> visits = new ArrayList<>();
        List<BigDecimal> contracts = new ArrayList<>();
        jdbc.query("""
                select r.name, v.value, c.value
                from region r
                left join period_total v on (v.province, v.period, v.dataset, v.region_code, v.measure, v.breakdown)
                                            = (?, ?, 'visits', r.code, 'person_visits', '')
                left join period_total c on (c.province, c.period, c.dataset, c.region_code, c.measure, c.breakdown)
                                            = (?, ?, 'contracts', r.code, 'contracts', '')
                where r.province_code = ? and r.level = 'city'
                order by r.code
                """, rs -> {
            Row row = sheet.createRow(titleRow + 2 + names.size());
            names.add(rs.getString(1));
            visits.add(rs.getBigDecimal(2));
            contracts.add(rs.getBigDecimal(3));
            styles.label(row, 0, rs.getString(1), styles.text);
            styles.figure(row, 1, rs.getBigDecimal(2), Kind.COUNT, false);
            styles.figure(row, 2, rs.getBigDecimal(3), Kind.COUNT, false);
        }, province, period, province, period, province);

        XSSFDrawing drawing = workbook.getXSSFWorkbook().getSheet(NAME).createDrawingPatriarch();
        int firstData = titleRow + 2;
        int lastData = firstData + names.size() - 1;
        int height = Math.max(MINIMUM_CHART_ROWS, names.size() + 6);
        String[] categories = names.toArray(String[]::new);
        String categoryRange = range(firstData, lastData, 0);
        int firstChartRow = FIRST_HEADLINE_ROW - 1;
        chart(drawing, firstChartRow, height, "各地市慰问人次", categories, categoryRange, visits,
                range(firstData, lastData, 1), new CellReference(NAME, titleRow + 1, 1, true, true), PresetColor.STEEL_BLUE);
        chart(drawing, firstChartRow + height + 1, height, "各地市集体合同（份）", categories, categoryRange, contracts,
                range(firstData, lastData, 2), new CellReference(NAME, titleRow + 1, 2, true, true), PresetColor.DARK_ORANGE);
        // the print area takes in the charts, which spreadsheets do not count as used cells
        workbook.setPrintArea(workbook.getSheetIndex(NAME), 0, CHART_LAST_COLUMN, 0,
                Math.max(lastData, firstChartRow + 2 * height + 1));
    }

    /**
     * A horizontal bar chart, cities top to bottom in table order, anchored right of the tables. The chart is created on
     * the streaming sheet's underlying XSSF sheet, which SXSSF writes as is beside the streamed rows; its series
     * refer to the city table (so Excel and LibreOffice redraw from the cells) and carry the values as a cache.
     */
    private static void chart(XSSFDrawing drawing, int firstRow, int rows, String title, String[] categories,
            String categoryRange, List<BigDecimal> values, String valueRange, CellReference seriesName, PresetColor color) {
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, CHART_FIRST_COLUMN, firstRow, CHART_LAST_COLUMN, firstRow + rows);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        XDDFCategoryAxis cities = chart.createCategoryAxis(AxisPosition.LEFT);
        cities.setOrientation(AxisOrientation.MAX_MIN);
        XDDFValueAxis amounts = chart.createValueAxis(AxisPosition.BOTTOM);
        amounts.setCrosses(AxisCrosses.MAX);
        amounts.setCrossBetween(AxisCrossBetween.BETWEEN);
        amounts.setNumberFormat(WorkbookStyles.COUNT_FORMAT);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, cities, amounts);
        data.setBarDirection(BarDirection.BAR);
        data.setVaryColors(false);
        Double[] numbers = values.stream().map(v -> v == null ? 0 : v.doubleValue()).toArray(Double[]::new);
        XDDFBarChartData.Series series = (XDDFBarChartData.Series) data.addSeries(
                XDDFDataSourcesFactory.fromArray(categories, categoryRange),
                XDDFDataSourcesFactory.fromArray(numbers, valueRange));
        series.setTitle(title, seriesName);
        series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(color)));
        CTDLbls labels = series.getCTBarSer().addNewDLbls();
        labels.addNewShowLegendKey().setVal(false);
        labels.addNewShowVal().setVal(true);
        labels.addNewShowCatName().setVal(false);
        labels.addNewShowSerName().setVal(false);
        labels.addNewShowPercent().setVal(false);
        labels.addNewShowBubbleSize().setVal(false);
        chart.plot(data);
    }

    private static String range(int firstRow, int lastRow, int column) {
        return new CellRangeAddress(firstRow, Math.max(firstRow, lastRow), column, column).formatAsString(NAME, true);
    }

    private static String published(Headline headline, BigDecimal value) {
        return switch (headline.kind()) {
            case COUNT -> PublishedFigures.count(value, headline.unit());
            case MONEY -> PublishedFigures.money(value);
            case RATE -> PublishedFigures.rate(value);
        };
    }

    private static String key(MeasureDefinition measure) {
        return measure.dataset() + "/" + measure.measure() + "/" + measure.breakdown();
    }

    /** A figure's comparisons as the paragraph says them: ，比上月增长12.5%，同比下降3%; empty where neither exists. */
    private record Comparisons(Map<String, BigDecimal> figures, Map<String, BigDecimal> previous,
            Map<String, BigDecimal> yearAgo, String previousWord) {

        String of(String figure) {
            boolean rate = figure.equals("contracts/establishment_rate/");
            String said = Stream.of(
                            PublishedFigures.comparison(previousWord, figures.get(figure), previous.get(figure), rate),
                            PublishedFigures.comparison("同比", figures.get(figure), yearAgo.get(figure), rate))
                    .filter(text -> !text.isEmpty())
                    .collect(Collectors.joining("，"));
            return said.isEmpty() ? "" : "，" + said;
        }
    }

    /**
     * One headline figure.
     *
     * @param label  the Chinese label, e.g. 慰问职工
     * @param figure its key in {@code period_total}: {@code dataset/measure/breakdown}
     * @param kind   how it is shown
     * @param unit   the unit after the number, e.g. 人次
     * @param detail whether it details the figure above (其中 …)
     */
    private record Headline(String label, String figure, Kind kind, String unit, boolean detail) {
    }
}
