import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.provincial.reporting.ingest.validate.CreditCodes;
import org.provincial.reporting.privacy.ResidentIds;

/**
 * Synthetic submissions of one province-month for the benchmark (see bench/README.md). JDK and the product's own
 * classes (the check characters of IDs and credit codes), e.g. {@code target/classes} or a jar's BOOT-INF/classes:
 *
 * <pre>
 * java -cp target/classes bench/Generate.java --regions regions.csv --rows 500000 --source DIR --floor DIR
 *      [--province 440000] [--period 2025-01] [--format csv|xlsx] [--seed 20250131]
 * </pre>
 *
 * Writes {@code <source>/<submitter>/<submitter>_<dataset>_<period>.<ext>}: exactly {@code rows} visit rows over
 * every county and city (市本级) of the province, each city re-reporting every tenth row of its counties verbatim
 * (2% of those copies with another amount: conflicts), ~1% invalid rows (every kind of mistake), CSV in UTF-8,
 * UTF-8 with BOM or GBK with the spellings clerks use; with {@code --format xlsx} the visits are streamed xlsx
 * workbooks (title row, shared strings, date cells). Subsidies (rows/10), contracts (rows/100), welfare (rows/100)
 * and the cities' enterprise counts are CSV. Every file's modification time is set 10 minutes in the past.
 * {@code <floor>/visits-files.tsv} lists the CSV files holding the same visit rows (path, encoding) for the floor;
 * for xlsx they are UTF-8 CSV copies written under {@code <floor>}.
 */
public class Generate {

    static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红梅玉海燕文斌俊丹萍鹏辉飞龙凤荣春晓東林彬婷雪琳健波宁浩亮";

    /** Visit categories: key index → the spellings clerks use (first is canonical), and the share of rows. */
    static final String[][] CATEGORY_SPELLINGS = {
            { "困难职工", "困难职工", "困难职工家庭" },
            { "新就业形态劳动者", "快递员", "外卖配送员", "网约车司机", "货车司机", "灵活就业人员" },
            { "一线职工", "坚守岗位一线职工", "艰苦岗位职工" },
            { "劳动模范", "劳模", "劳模和先进工作者", "先进工作者" },
            { "其他" } };
    static final double[] CATEGORY_SHARE = { 0.25, 0.30, 0.30, 0.05, 0.10 };
    static final String[] EVENTS = { "2025年元旦春节送温暖", "新春慰问困难职工", "走访慰问一线职工", "关爱新就业形态劳动者专项行动",
            "劳模春节慰问", "" };
    static final String[][] VISIT_HEADERS = {
            { "行政区划代码", "身份证号", "姓名", "慰问对象类别", "慰问日期", "慰问金额（元）", "活动名称" },
            { "区划代码", "身份证号码", "姓名", "对象类别", "慰问日期", "慰问金额", "活动名称" },
            { "行政区划代码", "公民身份号码", "姓名", "慰问对象类别", "慰问日期", "金额", "活动名称" },
            { "region_code", "person_id", "person_name", "category", "visit_date", "amount", "event" } };

    static final String[] PROGRAMS = { "困难职工生活救助", "金秋助学", "医疗救助", "创新工作室建设补助", "职工技能培训补助", "其他" };
    static final double[] PROGRAM_SHARE = { 0.40, 0.20, 0.20, 0.03, 0.10, 0.07 };
    static final long[][] PROGRAM_YUAN = { { 500, 5000 }, { 1000, 5000 }, { 1000, 20000 }, { 50000, 300000 }, { 200, 2000 },
            { 200, 2000 } };
    static final String[] CONTRACT_TYPES = { "综合性集体合同", "工资专项集体合同", "女职工权益保护专项集体合同", "行业性集体合同", "区域性集体合同" };
    static final String[] WELFARE_SOURCES = { "上级工会拨付", "全国总工会", "省总工会", "市总工会", "县区总工会", "社会捐赠", "企业" };

    record Region(String code, String name, String level, String parent) {
    }

    /** One unit whose rows are generated: a county, or a city's own level (市本级). */
    static final class Leaf {
        final Region region;
        final Region city;
        final boolean county;
        final double weight;
        long visits;

        Leaf(Region region, Region city, boolean county, double weight) {
            this.region = region;
            this.city = city;
            this.county = county;
            this.weight = weight;
        }
    }

    /** How one clerk writes one file. */
    record Style(Charset charset, boolean bom, int dateFormat, int amountFormat, int header, boolean xlsx,
            boolean dateCells, boolean numericAmounts, boolean numericRegion) {

        String encodingName() {
            return charset.equals(StandardCharsets.UTF_8) ? (bom ? "UTF8-BOM" : "UTF8") : "GB18030";
        }
    }

    final Random random;
    final String province;
    final YearMonth period;
    final long rows;
    final boolean xlsx;
    final Path source;
    final Path floor;
    final List<Region> regions;
    final List<String> floorFiles = new ArrayList<>();
    final Map<String, Long> stats = new LinkedHashMap<>();

    Generate(Map<String, String> options) throws IOException {
        random = new Random(Long.parseLong(options.getOrDefault("seed", "20250131")));
        province = options.getOrDefault("province", "440000");
        period = YearMonth.parse(options.getOrDefault("period", "2025-01"));
        rows = Long.parseLong(options.getOrDefault("rows", "500000"));
        String format = options.getOrDefault("format", "csv");
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw new IllegalArgumentException("--format is csv or xlsx, not " + format);
        }
        xlsx = format.equals("xlsx");
        source = Path.of(required(options, "source")).toAbsolutePath();
        floor = Path.of(required(options, "floor")).toAbsolutePath();
        regions = new ArrayList<>();
        try (Stream<String> lines = Files.lines(Path.of(required(options, "regions")), StandardCharsets.UTF_8)) {
            lines.skip(1).filter(line -> !line.isBlank()).forEach(line -> {
                String[] cells = line.split(",", -1);
                regions.add(new Region(cells[0].trim(), cells[1].trim(), cells[2].trim(), cells[3].trim()));
            });
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || args[i].equals("--help") || i + 1 == args.length) {
                System.err.println("usage: java -cp CLASSES bench/Generate.java --regions FILE --rows N --source DIR --floor DIR "
                        + "[--province CODE] [--period YYYY-MM] [--format csv|xlsx] [--seed N]");
                System.exit(args[i].equals("--help") ? 0 : 2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        long start = System.nanoTime();
        Generate generate = new Generate(options);
        generate.run();
        generate.stats.forEach((key, value) -> System.out.println(key + "=" + value));
        System.out.printf("generate_seconds=%.1f%n", (System.nanoTime() - start) / 1e9);
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    void run() throws IOException {
        requireGbkEncodable();
        Files.createDirectories(source);
        Files.createDirectories(floor);
        List<Region> cities = regions.stream().filter(r -> r.level().equals("city") && r.parent().equals(province)).toList();
        if (cities.isEmpty()) {
            throw new IllegalArgumentException("no city of province " + province + " in the regions file");
        }
        Map<Region, List<Leaf>> leavesByCity = new LinkedHashMap<>();
        List<Leaf> leaves = new ArrayList<>();
        for (Region city : cities) {
            List<Region> counties = regions.stream().filter(r -> r.level().equals("county") && r.parent().equals(city.code())).toList();
            List<Leaf> cityLeaves = new ArrayList<>();
            // a city's own level reports less than a county, except in cities without counties (东莞, 中山)
            cityLeaves.add(new Leaf(city, city, false, (counties.isEmpty() ? 3.0 : 0.5) * (0.4 + 1.2 * random.nextDouble())));
            for (Region county : counties) {
                cityLeaves.add(new Leaf(county, city, true, 0.4 + 1.2 * random.nextDouble()));
            }
            leavesByCity.put(city, cityLeaves);
            leaves.addAll(cityLeaves);
        }
        allocate(leaves);

        List<Region> allCounties = leaves.stream().filter(l -> l.county).map(l -> l.region).toList();
        Map<String, Long> enterprisesByRegion = new HashMap<>();
        for (Map.Entry<Region, List<Leaf>> entry : leavesByCity.entrySet()) {
            Region city = entry.getKey();
            List<Leaf> cityLeaves = entry.getValue();
            Style cityStyle = style(true);
            try (Sink cityVisits = visitsSink(city, cityStyle)) {
                for (Leaf leaf : cityLeaves) {
                    if (!leaf.county) {
                        visits(leaf, cityVisits, null, cityStyle, allCounties);
                        continue;
                    }
                    Style style = style(true);
                    try (Sink countyVisits = visitsSink(leaf.region, style)) {
                        visits(leaf, countyVisits, cityVisits, style, allCounties);
                    }
                }
            }
            for (Leaf leaf : cityLeaves) {
                subsidies(leaf);
                if (!leaf.county || random.nextDouble() >= 0.03) { // a few counties miss the deadline
                    enterprisesByRegion.put(leaf.region.code(), contracts(leaf));
                    welfare(leaf);
                }
            }
            enterpriseCounts(city, cityLeaves, enterprisesByRegion);
        }
        Files.write(floor.resolve("visits-files.tsv"), floorFiles, StandardCharsets.UTF_8);
        FileTime tenMinutesAgo = FileTime.from(Instant.now().minus(10, ChronoUnit.MINUTES));
        long files;
        try (Stream<Path> tree = Files.walk(source)) {
            List<Path> paths = tree.toList();
            for (Path path : paths) {
                Files.setLastModifiedTime(path, tenMinutesAgo);
            }
            files = paths.stream().filter(Files::isRegularFile).count();
        }
        stats.put("files", files);
        try (Stream<Path> tree = Files.walk(source)) {
            stats.put("source_bytes", tree.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum());
        }
    }

    /** Rows per leaf so that county rows, city rows and the cities' re-reported copies add up to exactly {@code rows}. */
    void allocate(List<Leaf> leaves) {
        double weight = leaves.stream().mapToDouble(l -> l.weight * (l.county ? 1.1 : 1.0)).sum();
        long total = 0;
        Leaf largestCity = null;
        for (Leaf leaf : leaves) {
            leaf.visits = Math.max(1, Math.round(rows * leaf.weight / weight));
            total += leaf.visits + (leaf.county ? rereported(leaf.visits) : 0);
            if (!leaf.county && (largestCity == null || leaf.visits > largestCity.visits)) {
                largestCity = leaf;
            }
        }
        largestCity.visits += rows - total;
        if (largestCity.visits < 1) {
            throw new IllegalArgumentException("--rows " + rows + " is too small for " + leaves.size() + " submitters");
        }
    }

    static long rereported(long countyRows) {
        return (countyRows + 2) / 10; // rows 7, 17, 27, … of each county
    }

    Style style(boolean visits) {
        double encoding = random.nextDouble();
        Charset charset = encoding < 0.70 ? StandardCharsets.UTF_8 : Charset.forName("GBK");
        boolean bom = encoding >= 0.55 && encoding < 0.70;
        double date = random.nextDouble();
        int dateFormat = date < 0.45 ? 0 : date < 0.65 ? 1 : date < 0.85 ? 2 : date < 0.95 ? 3 : 4;
        int amountFormat = random.nextInt(4);
        double h = random.nextDouble();
        int header = h < 0.6 ? 0 : h < 0.8 ? 1 : h < 0.95 ? 2 : 3;
        boolean workbook = visits && xlsx;
        return new Style(charset, bom, dateFormat, amountFormat, header, workbook, workbook && random.nextDouble() < 0.8,
                workbook && random.nextDouble() < 0.85, workbook && random.nextDouble() < 0.7);
    }

    Path file(Region submitter, String dataset, String extension) throws IOException {
        Path dir = source.resolve(submitter.code());
        Files.createDirectories(dir);
        return dir.resolve(submitter.code() + "_" + dataset + "_" + period + "." + extension);
    }

    Sink visitsSink(Region submitter, Style style) throws IOException {
        count("visits_files", 1);
        if (style.xlsx()) {
            Path copy = floor.resolve(submitter.code() + "_visits.csv");
            floorFiles.add(copy + "\tUTF8");
            Sink workbook = new XlsxSink(file(submitter, "visits", "xlsx"),
                    period.getYear() + "年" + period.getMonthValue() + "月" + submitter.name() + "慰问情况统计表", floor);
            Sink csv = new CsvSink(copy, StandardCharsets.UTF_8, false);
            workbook.row(VISIT_HEADERS[style.header()]);
            csv.row(VISIT_HEADERS[style.header()]);
            return new TeeSink(workbook, csv);
        }
        Path path = file(submitter, "visits", "csv");
        floorFiles.add(path + "\t" + style.encodingName());
        count("visits_files_" + style.encodingName(), 1);
        Sink csv = new CsvSink(path, style.charset(), style.bom());
        csv.row(VISIT_HEADERS[style.header()]);
        return csv;
    }

    void visits(Leaf leaf, Sink out, Sink rereport, Style style, List<Region> allCounties) {
        String region = leaf.region.code();
        Set<Long> reused = new HashSet<>();
        long nextPerson = 0;
        Object[] previous = null;
        String event = EVENTS[random.nextInt(EVENTS.length)];
        for (long i = 0; i < leaf.visits; i++) {
            long person;
            int category;
            long candidate = nextPerson > 100 && random.nextDouble() < 0.05 ? (long) (random.nextDouble() * nextPerson) : -1;
            if (candidate >= 0 && reused.add(candidate)) { // visited again, in another category
                person = candidate;
                category = (categoryOf(region, person) + 1 + random.nextInt(4)) % 5;
            }
            else {
                person = nextPerson++;
                category = categoryOf(region, person);
            }
            LocalDate date = period.atDay(1 + random.nextInt(period.lengthOfMonth()));
            long cents = (200 + 100L * random.nextInt(19)) * 100 + (random.nextInt(5) == 0 ? 50 : 0);
            String[] spellings = CATEGORY_SPELLINGS[category];
            Object[] row = {
                    style.numericRegion() ? (Object) Long.valueOf(region) : region,
                    residentId(region, person),
                    nameOf(region, person),
                    spellings[random.nextInt(3) == 0 ? random.nextInt(spellings.length) : 0],
                    date(date, style),
                    random.nextInt(1000) == 0 ? fullWidth(amount(cents, 0)) : amount(cents, style),
                    random.nextInt(500) == 0 ? "走访慰问, 第二批" : random.nextInt(2000) == 0 ? "春节慰问\n（补报）" : event };
            if (random.nextDouble() < 0.01) {
                row = invalid(row, previous, style, allCounties, leaf.city.code());
            }
            out.row(row);
            if (rereport != null && i % 10 == 7) {
                Object[] copy = row;
                if (random.nextDouble() < 0.02) { // the city's copy says another amount: a conflict
                    copy = row.clone();
                    copy[5] = amount(cents + 10000, style);
                    count("visits_conflicting_copies", 1);
                }
                rereport.row(copy);
                count("visits_rereported_copies", 1);
            }
            previous = row;
        }
        count("visits_rows", leaf.visits + (rereport == null ? 0 : rereported(leaf.visits)));
    }

    Object[] invalid(Object[] row, Object[] previous, Style style, List<Region> allCounties, String city) {
        int kind = random.nextInt(9);
        if (kind == 8 && previous == null) {
            kind = 0;
        }
        Object[] bad = row.clone();
        switch (kind) {
            case 0 -> { // a mistyped check character
                String id = (String) row[1];
                char check = id.charAt(17);
                bad[1] = id.substring(0, 17) + (check == '0' ? '1' : '0');
            }
            case 1 -> bad[1] = "";
            case 2 -> bad[4] = date(period.plusMonths(1).atDay(3), style);
            case 3 -> bad[4] = period.getYear() + "-" + period.getMonthValue() + "-32";
            case 4 -> bad[3] = "离退休职工";
            case 5 -> bad[5] = "-" + amount(30000, 0);
            case 6 -> bad[5] = random.nextBoolean() ? "500.005" : "约500";
            case 7 -> { // a county of another city
                Region other = allCounties.get(random.nextInt(allCounties.size()));
                for (int attempt = 0; attempt < 50 && other.parent().equals(city); attempt++) {
                    other = allCounties.get(random.nextInt(allCounties.size()));
                }
                bad[0] = other.code();
            }
            default -> bad = previous; // the same row twice in the file
        }
        count("visits_invalid_rows", 1);
        return bad;
    }

    void subsidies(Leaf leaf) throws IOException {
        long n = Math.max(1, leaf.visits / 10);
        Style style = style(false);
        String region = leaf.region.code();
        try (Sink out = new CsvSink(file(leaf.region, "subsidies", "csv"), style.charset(), style.bom())) {
            out.row(new String[] { "行政区划代码", "受助对象证件号", "受助对象名称", "补助项目", "补助金额（元）", "发放日期" });
            for (long k = 0; k < n; k++) {
                int program = pick(PROGRAM_SHARE);
                boolean enterprise = program == 3 || random.nextInt(50) == 0;
                long yuan = PROGRAM_YUAN[program][0]
                        + (long) (random.nextDouble() * (PROGRAM_YUAN[program][1] - PROGRAM_YUAN[program][0]));
                String[] row = { region, enterprise ? creditCode(region, 500_000 + k) : residentId(region, 1_000_000 + k),
                        enterprise ? "创新工作室" + k : nameOf(region, 1_000_000 + k), PROGRAMS[program], amount(yuan * 100, style.amountFormat()),
                        date(period.atDay(1 + random.nextInt(period.lengthOfMonth())), style).toString() };
                if (random.nextDouble() < 0.01) {
                    switch (random.nextInt(4)) {
                        case 0 -> row[4] = "600,000.00";
                        case 1 -> row[5] = date(period.minusMonths(1).atDay(20), style).toString();
                        case 2 -> row[3] = "困难帮扶";
                        default -> row[1] = row[1].substring(0, 10);
                    }
                }
                out.row(row);
            }
        }
        count("subsidies_rows", n);
    }

    long contracts(Leaf leaf) throws IOException {
        long n = Math.max(2, leaf.visits / 100);
        Style style = style(false);
        String region = leaf.region.code();
        long enterprises = 0;
        try (Sink out = new CsvSink(file(leaf.region, "contracts", "csv"), style.charset(), style.bom())) {
            out.row(new String[] { "行政区划代码", "统一社会信用代码", "企业名称", "合同类型", "签订日期", "覆盖职工人数", "合同期限（年）" });
            for (long k = 0; k < n; k++) {
                boolean second = k > 0 && random.nextInt(10) < 3; // the enterprise's wage contract besides its comprehensive one
                long enterprise = second ? enterprises - 1 : enterprises++;
                String type = second ? CONTRACT_TYPES[1 + random.nextInt(4)] : CONTRACT_TYPES[0];
                String[] row = { region, creditCode(region, enterprise), "企业" + region + "-" + enterprise, type,
                        date(period.atDay(1 + random.nextInt(period.lengthOfMonth())), style).toString(),
                        String.valueOf(5 + random.nextInt(3000)), String.valueOf(1 + random.nextInt(3)) };
                if (random.nextDouble() < 0.01) {
                    switch (random.nextInt(3)) {
                        case 0 -> row[1] = row[1].substring(0, 17) + (row[1].charAt(17) == '0' ? '1' : '0');
                        case 1 -> row[5] = "0";
                        default -> row[5] = "12.5";
                    }
                }
                out.row(row);
            }
        }
        count("contracts_rows", n);
        return enterprises;
    }

    void welfare(Leaf leaf) throws IOException {
        long n = Math.max(2, leaf.visits / 100);
        Style style = style(false);
        String region = leaf.region.code();
        try (Sink out = new CsvSink(file(leaf.region, "welfare", "csv"), style.charset(), style.bom())) {
            out.row(new String[] { "行政区划代码", "凭证号", "收支类型", "资金来源", "金额（元）", "日期" });
            for (long k = 0; k < n; k++) {
                boolean raised = random.nextInt(100) < 65;
                out.row(new String[] { region, String.format("PZ%s%06d", region, k), raised ? "筹集" : "发放",
                        WELFARE_SOURCES[random.nextInt(WELFARE_SOURCES.length)],
                        amount((1000 + (long) (random.nextDouble() * 199000)) * 100 + random.nextInt(100), style.amountFormat()),
                        date(period.atDay(1 + random.nextInt(period.lengthOfMonth())), style).toString() });
            }
        }
        count("welfare_rows", n);
    }

    void enterpriseCounts(Region city, List<Leaf> leaves, Map<String, Long> enterprises) throws IOException {
        Style style = style(false);
        try (Sink out = new CsvSink(file(city, "enterprise_counts", "csv"), style.charset(), style.bom())) {
            out.row(new String[] { "行政区划代码", "应建制企业数" });
            for (Leaf leaf : leaves) {
                long with = enterprises.getOrDefault(leaf.region.code(), 0L);
                long required = with == 0 ? 1 + random.nextInt(5) : Math.round(with / (0.82 + 0.15 * random.nextDouble()));
                out.row(new String[] { leaf.region.code(), String.valueOf(Math.max(with, required)) });
                count("enterprise_counts_rows", 1);
            }
        }
    }

    // ---- values

    int pick(double[] shares) {
        double r = random.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            r -= shares[i];
            if (r < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    static long mix(String region, long person) {
        long h = (Long.parseLong(region) * 0x9E3779B97F4A7C15L) ^ (person * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    static int categoryOf(String region, long person) {
        double r = (mix(region, person) >>> 11) / (double) (1L << 53);
        for (int i = 0; i < CATEGORY_SHARE.length - 1; i++) {
            r -= CATEGORY_SHARE[i];
            if (r < 0) {
                return i;
            }
        }
        return CATEGORY_SHARE.length - 1;
    }

    static String nameOf(String region, long person) {
        long h = mix(region, person ^ 0x5DEECE66DL) >>> 1;
        StringBuilder name = new StringBuilder(3).append(SURNAMES.charAt((int) (h % SURNAMES.length())));
        name.append(GIVEN.charAt((int) (h / 97 % GIVEN.length())));
        if (h % 3 != 0) {
            name.append(GIVEN.charAt((int) (h / 9973 % GIVEN.length())));
        }
        return name.toString();
    }

    /** A valid resident ID (GB 11643), distinct for each person number below 14 million in a region. */
    static String residentId(String region, long person) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(person * 7919 % 14000);
        String body = region + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(),
                person / 14000 % 1000);
        return body + ResidentIds.checkCharacter(body);
    }

    /** A valid unified social credit code (GB 32100). */
    static String creditCode(String region, long sequence) {
        String body = "91" + region + String.format("%09d", sequence);
        return body + CreditCodes.checkCharacter(body);
    }

    static Object date(LocalDate date, Style style) {
        if (style.dateCells()) {
            return date;
        }
        int y = date.getYear(), m = date.getMonthValue(), d = date.getDayOfMonth();
        return switch (style.dateFormat()) {
            case 0 -> date.toString();
            case 1 -> y + "/" + m + "/" + d;
            case 2 -> y + "年" + m + "月" + d + "日";
            case 3 -> String.format("%04d%02d%02d", y, m, d);
            default -> y + "." + m + "." + d;
        };
    }

    static Object amount(long cents, Style style) {
        if (style.numericAmounts()) {
            return BigDecimal.valueOf(cents, 2);
        }
        return amount(cents, style.amountFormat());
    }

    static String amount(long cents, int format) {
        long yuan = cents / 100, fraction = cents % 100;
        String decimals = String.format(".%02d", fraction);
        return switch (format) {
            case 0 -> yuan + decimals;
            case 1 -> fraction == 0 ? String.valueOf(yuan) : yuan + decimals;
            case 2 -> String.format("%,d", yuan) + decimals;
            default -> (fraction == 0 ? String.valueOf(yuan) : yuan + decimals) + "元";
        };
    }

    static String fullWidth(String text) {
        StringBuilder wide = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            wide.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c == '.' ? '．' : c);
        }
        return wide.toString();
    }

    void count(String key, long n) {
        stats.merge(key, n, Long::sum);
    }

    void requireGbkEncodable() {
        CharsetEncoder gbk = Charset.forName("GBK").newEncoder();
        List<String> texts = new ArrayList<>(List.of(SURNAMES, GIVEN, "走访慰问, 第二批", "春节慰问\n（补报）", "离退休职工", "约500",
                "困难帮扶", "创新工作室", "企业", "筹集", "发放", "应建制企业数", "１２３．５", "元"));
        Stream.of(CATEGORY_SPELLINGS).forEach(s -> texts.addAll(List.of(s)));
        Stream.of(VISIT_HEADERS).forEach(s -> texts.addAll(List.of(s)));
        texts.addAll(List.of(EVENTS));
        texts.addAll(List.of(PROGRAMS));
        texts.addAll(List.of(CONTRACT_TYPES));
        texts.addAll(List.of(WELFARE_SOURCES));
        regions.forEach(r -> texts.add(r.name()));
        for (String text : texts) {
            if (!gbk.canEncode(text)) {
                throw new IllegalStateException("not encodable in GBK: " + text);
            }
        }
    }

    // ---- writers

    interface Sink extends AutoCloseable {
        void row(Object[] cells);

        @Override
        void close();
    }

    record TeeSink(Sink first, Sink second) implements Sink {
        public void row(Object[] cells) {
            first.row(cells);
            second.row(cells);
        }

        public void close() {
            first.close();
            second.close();
        }
    }

    /** RFC 4180 CSV, CRLF line ends as Excel writes them. */
    static final class CsvSink implements Sink {
        private final Writer out;

        CsvSink(Path file, Charset charset, boolean bom) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 16);
            if (bom) {
                out.write('\uFEFF');
            }
        }

        public void row(Object[] cells) {
            try {
                for (int i = 0; i < cells.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    String text = text(cells[i]);
                    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                        out.write('"');
                        out.write(text.replace("\"", "\"\""));
                        out.write('"');
                    }
                    else {
                        out.write(text);
                    }
                }
                out.write("\r\n");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String text(Object cell) {
            if (cell == null) {
                return "";
            }
            if (cell instanceof BigDecimal number) {
                return number.toPlainString();
            }
            return cell.toString();
        }

        public void close() {
            try {
                out.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A streaming xlsx writer as Excel saves files: one sheet, a merged title row, shared strings (repeated texts
     * once, the table kept bounded), numbers and date cells (numFmt 14). The shared strings are spooled to a temp
     * file while the sheet is written and added after it, so memory does not grow with the rows.
     */
    static final class XlsxSink implements Sink {
        private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        private static final String RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        private static final int SHARED_LOOKUP_LIMIT = 100_000;

        private final ZipOutputStream zip;
        private final Writer sheet;
        private final Path sstFile;
        private final Writer sst;
        private final Map<String, Integer> shared = new HashMap<>();
        private final String title;
        private int row;
        private int columns;
        private long references;
        private int unique;

        XlsxSink(Path file, String title, Path tempDir) throws IOException {
            this.title = title;
            zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            entry("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    + "</Types>");
            entry("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELS + "\"><sheets>"
                    + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + RELS + "/styles\" Target=\"styles.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"" + RELS + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "</Relationships>");
            entry("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<styleSheet xmlns=\"" + MAIN + "\">"
                    + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>"
                    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                    + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
                    + "</styleSheet>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            sheet = new BufferedWriter(new OutputStreamWriter(new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // the zip stays open for the next entries
                }
            }, StandardCharsets.UTF_8), 1 << 16);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"" + MAIN
                    + "\" xmlns:r=\"" + RELS + "\"><sheetData>");
            sstFile = Files.createTempFile(tempDir, "sst", ".xml");
            sst = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(sstFile), StandardCharsets.UTF_8), 1 << 16);
            if (title != null) {
                row(new Object[] { title });
            }
        }

        private void entry(String name, String content) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        public void row(Object[] cells) {
            try {
                row++;
                if (row > 1) {
                    columns = Math.max(columns, cells.length);
                }
                sheet.write("<row r=\"" + row + "\">");
                for (int i = 0; i < cells.length; i++) {
                    Object cell = cells[i];
                    if (cell == null || "".equals(cell)) {
                        continue;
                    }
                    String ref = (char) ('A' + i) + Integer.toString(row);
                    if (cell instanceof LocalDate date) {
                        sheet.write("<c r=\"" + ref + "\" s=\"1\"><v>" + ChronoUnit.DAYS.between(EXCEL_EPOCH, date) + "</v></c>");
                    }
                    else if (cell instanceof BigDecimal number) {
                        sheet.write("<c r=\"" + ref + "\"><v>" + number.stripTrailingZeros().toPlainString() + "</v></c>");
                    }
                    else if (cell instanceof Number number) {
                        sheet.write("<c r=\"" + ref + "\"><v>" + number + "</v></c>");
                    }
                    else {
                        sheet.write("<c r=\"" + ref + "\" t=\"s\"><v>" + sharedIndex(cell.toString()) + "</v></c>");
                    }
                }
                sheet.write("</row>");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private int sharedIndex(String text) throws IOException {
            references++;
            Integer index = shared.get(text);
            if (index != null) {
                return index;
            }
            index = unique++;
            if (shared.size() < SHARED_LOOKUP_LIMIT) {
                shared.put(text, index);
            }
            sst.write("<si><t xml:space=\"preserve\">");
            sst.write(escape(text));
            sst.write("</t></si>");
            return index;
        }

        static String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length() + 8);
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '&' -> escaped.append("&amp;");
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    case '"' -> escaped.append("&quot;");
                    default -> escaped.append(c);
                }
            }
            return escaped.toString();
        }

        public void close() {
            try {
                sheet.write("</sheetData>");
                if (title != null && columns > 1) {
                    sheet.write("<mergeCells count=\"1\"><mergeCell ref=\"A1:" + (char) ('A' + columns - 1) + "1\"/></mergeCells>");
                }
                sheet.write("</worksheet>");
                sheet.flush();
                zip.closeEntry();
                sst.close();
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"" + MAIN + "\" count=\""
                        + references + "\" uniqueCount=\"" + unique + "\">").getBytes(StandardCharsets.UTF_8));
                Files.copy(sstFile, zip);
                zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.close();
                Files.delete(sstFile);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
