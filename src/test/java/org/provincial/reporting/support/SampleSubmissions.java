package org.provincial.reporting.support;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sample submissions shipped in {@code samples/} for the README's demo run: 广东省 (440000), January 2025,
 * two cities and five counties in every format the contract names, with the mistakes clerks make. Deterministic;
 * the README says how to regenerate them.
 */
public final class SampleSubmissions {

    static final String[] VISIT_CATEGORIES = { "困难职工", "快递员", "外卖配送员", "一线职工", "劳动模范", "其他" };
    static final String[] PROGRAMS = { "困难职工生活救助", "金秋助学", "医疗救助", "职工技能培训补助" };
    static final String[] CONTRACT_TYPES = { "综合性集体合同", "工资专项集体合同", "女职工权益保护专项集体合同", "行业性集体合同" };
    static final String[] SOURCES = { "省总工会", "市总工会", "县区总工会", "社会捐赠", "企业" };

    private SampleSubmissions() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "samples"));
    }

    public static void write(Path root) {
        Random random = new Random(20250131);
        Charset gbk = Charset.forName("GBK");
        // 广州市 and three of its districts
        List<List<?>> liwan = visits(random, "440103", 40);
        SubmissionFiles.csv(root.resolve("440103/440103_visits_2025-01.csv"), StandardCharsets.UTF_8, true, liwan);
        SubmissionFiles.csv(root.resolve("440104/440104_visits_2025-01.csv"), gbk, false, visits(random, "440104", 60));
        SubmissionFiles.xlsx(root.resolve("440106/440106_visits_2025-01.xlsx"), "2025年1月天河区慰问情况统计表",
                visits(random, "440106", 80));
        // the city re-reports 荔湾区's rows and adds its own
        List<List<?>> guangzhou = new ArrayList<>(liwan);
        guangzhou.addAll(visits(random, "440100", 20).subList(1, 21));
        SubmissionFiles.xlsx(root.resolve("440100/440100_visits_2025-01.xlsx"), "2025年1月广州市慰问情况统计表", guangzhou);
        SubmissionFiles.csv(root.resolve("440103/440103_subsidies_2025-01.csv"), subsidies(random, "440103", 25));
        SubmissionFiles.xls(root.resolve("440104/440104_subsidies_2025-01.xls"), null, subsidies(random, "440104", 30));
        SubmissionFiles.csv(root.resolve("440100/440100_contracts_2025-01.csv"), contracts(random, "440100", 12));
        SubmissionFiles.csv(root.resolve("440100/440100_enterprise_counts_2025-01.csv"), List.of(
                List.of("行政区划代码", "应建制企业数"), List.of("440100", "15"), List.of("440103", "6"),
                List.of("440104", "8"), List.of("440106", "9")));
        SubmissionFiles.xlsx(root.resolve("440100/440100_welfare_2025-01.xlsx"), "送温暖资金收支明细", welfare(random, "440100", 15));
        // 深圳市 and two districts; 罗湖区 sends a corrected v2
        SubmissionFiles.csv(root.resolve("440303/440303_visits_2025-01.csv"), visits(random, "440303", 30));
        SubmissionFiles.csv(root.resolve("440303/440303_visits_2025-01_v2.csv"), visits(random, "440303", 35));
        SubmissionFiles.csv(root.resolve("440304/440304_visits_2025-01.csv"), gbk, false, visits(random, "440304", 50));
        SubmissionFiles.csv(root.resolve("440300/440300_contracts_2025-01.csv"), contracts(random, "440300", 10));
        SubmissionFiles.csv(root.resolve("440300/440300_enterprise_counts_2025-01.csv"), List.of(
                List.of("行政区划代码", "应建制企业数"), List.of("440300", "12"), List.of("440303", "5"),
                List.of("440304", "7")));
        SubmissionFiles.csv(root.resolve("440300/440300_welfare_2025-01.csv"), welfare(random, "440300", 12));
        // a file whose name does not follow the convention
        SubmissionFiles.csv(root.resolve("440304/福田区1月慰问表.csv"), visits(random, "440304", 3));
    }

    static List<List<?>> visits(Random random, String region, int rows) {
        List<List<?>> table = new ArrayList<>();
        table.add(List.of("行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）"));
        for (int i = 0; i < rows; i++) {
            String id = Ids.residentId(region, LocalDate.of(1955 + random.nextInt(45), 1 + random.nextInt(12),
                    1 + random.nextInt(28)), random.nextInt(1000));
            String amount = (200 + random.nextInt(9) * 100) + (random.nextBoolean() ? ".00" : ".50");
            String date = "2025-01-" + String.format("%02d", 5 + random.nextInt(24));
            if (i == 7) {
                id = Ids.withWrongCheckCharacter(id);
            }
            if (i == 11) {
                amount = "５００";  // full-width digits
            }
            table.add(List.of(region, id, "职工" + region.substring(4) + i,
                    VISIT_CATEGORIES[random.nextInt(VISIT_CATEGORIES.length)], date, amount));
        }
        return table;
    }

    static List<List<?>> subsidies(Random random, String region, int rows) {
        List<List<?>> table = new ArrayList<>();
        table.add(List.of("行政区划代码", "受助对象证件号", "受助对象名称", "补助项目", "补助金额（元）", "发放日期"));
        for (int i = 0; i < rows; i++) {
            String id = Ids.residentId(region, LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12),
                    1 + random.nextInt(28)), random.nextInt(1000));
            table.add(List.of(region, id, "职工" + i, PROGRAMS[random.nextInt(PROGRAMS.length)],
                    String.format("%,d.00", 500 + random.nextInt(50) * 100),
                    i == 3 ? "2025-02-01" : "2025年1月" + (1 + random.nextInt(28)) + "日"));
        }
        return table;
    }

    static List<List<?>> contracts(Random random, String city, int rows) {
        List<List<?>> table = new ArrayList<>();
        table.add(List.of("行政区划代码", "统一社会信用代码", "企业名称", "合同类型", "签订日期", "覆盖职工人数"));
        String[] regions = city.equals("440100") ? new String[] { "440100", "440103", "440104", "440106" }
                : new String[] { "440300", "440303", "440304" };
        for (int i = 0; i < rows; i++) {
            table.add(List.of(regions[i % regions.length], Ids.creditCode(city, 1000 + i / 2), "企业" + (i / 2),
                    CONTRACT_TYPES[i % 2 == 0 ? 0 : 1 + random.nextInt(3)], "2025/1/" + (2 + random.nextInt(27)),
                    String.valueOf(20 + random.nextInt(400))));
        }
        return table;
    }

    static List<List<?>> welfare(Random random, String city, int rows) {
        List<List<?>> table = new ArrayList<>();
        table.add(List.of("行政区划代码", "凭证号", "收支类型", "资金来源", "金额（元）", "日期"));
        for (int i = 0; i < rows; i++) {
            boolean raised = i % 3 != 2;
            String source = i == 0 ? "上级工会拨付" : SOURCES[random.nextInt(SOURCES.length)];
            table.add(List.of(city, "PZ" + city + String.format("%04d", i), raised ? "筹集" : "发放", source,
                    String.format("%,d.%02d", 1000 + random.nextInt(90000), random.nextInt(100)),
                    "2025-01-" + String.format("%02d", 1 + random.nextInt(31))));
        }
        return table;
    }
}
