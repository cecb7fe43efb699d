import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs bench/floor.sql against a running PostgreSQL and times it, statement by statement (see bench/README.md):
 *
 * <pre>
 * java -cp 'DIR_WITH_THE_POSTGRESQL_DRIVER/*' bench/Floor.java --url jdbc:postgresql://127.0.0.1:PORT/postgres
 *      --sql bench/floor.sql --manifest FLOOR/visits-files.tsv --regions regions.csv [--province 440000 --period 2025-01]
 * </pre>
 *
 * Prints {@code floor_seconds=…} (the sum of every statement's time), the time of each step, and the province's
 * visit totals of the floor next to those the pipeline stored in {@code period_total}, as a sanity check.
 */
public class Floor {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String sql = Files.readString(Path.of(options.get("sql")), StandardCharsets.UTF_8);
        List<String[]> files = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(options.get("manifest")), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] cells = line.split("\t");
                files.add(new String[] { literal(Path.of(cells[0]).toAbsolutePath().toString()),
                        literal(cells[1].startsWith("UTF8") ? "UTF8" : cells[1]) });
            }
        }
        String regions = literal(Path.of(options.get("regions")).toAbsolutePath().toString());
        Map<String, Double> steps = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(options.get("url"), "postgres", "");
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String text : sql.split(";\\s*\\n")) {
                String step = null;
                boolean each = false;
                StringBuilder body = new StringBuilder();
                for (String line : text.split("\\n")) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("-- @step ")) {
                        step = trimmed.substring("-- @step ".length()).trim();
                    }
                    else if (trimmed.equals("-- @each-visits-file")) {
                        each = true;
                    }
                    else if (!trimmed.startsWith("--")) {
                        body.append(line).append('\n');
                    }
                }
                if (body.toString().isBlank()) {
                    continue;
                }
                List<String> statements = new ArrayList<>();
                if (each) {
                    for (String[] file : files) {
                        statements.add(body.toString().replace("{file}", file[0]).replace("{encoding}", file[1]));
                    }
                }
                else {
                    statements.add(body.toString().replace("{regions}", regions));
                }
                long start = System.nanoTime();
                for (String one : statements) {
                    statement.execute(one);
                }
                steps.merge(step == null ? "other" : step, (System.nanoTime() - start) / 1e9, Double::sum);
            }
            double total = steps.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("floor_seconds=%.3f%n", total);
            steps.forEach((step, seconds) -> System.out.printf("floor_step_%s=%.3f%n", step, seconds));
            print(statement, "floor_rows_loaded", "select count(*) from bench_floor.visits_raw");
            print(statement, "floor_rows_deduplicated", "select count(*) from bench_floor.visits");
            print(statement, "floor_province",
                    "select person_visits || ' visits, ' || distinct_persons || ' persons, ' || amount_yuan || ' yuan' "
                            + "from bench_floor.totals where city is null and county is null");
            if (options.containsKey("province")) {
                try {
                    print(statement, "pipeline_province", "select string_agg(value || ' ' || "
                            + "case measure when 'person_visits' then 'visits' when 'distinct_persons' then 'persons' else 'yuan' end, ', ' "
                            + "order by measure desc) from period_total where dataset = 'visits' and breakdown = '' "
                            + "and region_code = '" + options.get("province") + "' and period = '" + options.get("period") + "' "
                            + "and measure in ('person_visits', 'distinct_persons', 'amount_yuan')");
                }
                catch (SQLException e) {
                    System.out.println("pipeline_province=(no period_total: " + e.getMessage().lines().findFirst().orElse("") + ")");
                }
            }
            statement.execute("DROP SCHEMA bench_floor CASCADE");
        }
    }

    static void print(Statement statement, String key, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            System.out.println(key + "=" + (result.next() ? result.getString(1) : ""));
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
