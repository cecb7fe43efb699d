package org.provincial.reporting.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.provincial.reporting.aggregate.MeasureDefinition;
import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.RegionLevel;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.Resource;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.InlineList;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorBetween;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * The checks of {@code mappings/checks.yaml}, verified when loaded: each rule's expression is parsed by the Spring
 * Expression Language and may use only the §6 measures of its region (or of its file), numbers, arithmetic,
 * comparisons and {@code and}/{@code or}/{@code not} — a method call, type, bean or constructor reference, an unknown
 * measure or a syntax error fails the load naming the rule.
 */
public final class CheckRules {

    /** The importances a check may have, most important first. */
    public static final List<String> IMPORTANCES = List.of("高", "中", "低");

    /** The level of a rule judged over each counted file on its own, beside the region levels. */
    static final String SUBMISSION = "submission";

    /** The only kinds of expression node a rule may use: data, arithmetic and logic. */
    private static final Set<Class<? extends SpelNode>> ALLOWED = Set.of(PropertyOrFieldReference.class,
            CompoundExpression.class, IntLiteral.class, LongLiteral.class, RealLiteral.class, FloatLiteral.class,
            BooleanLiteral.class, InlineList.class, OpAnd.class, OpOr.class, OperatorNot.class, OpEQ.class, OpNE.class,
            OpLT.class, OpLE.class, OpGT.class, OpGE.class, OperatorBetween.class, OpPlus.class, OpMinus.class,
            OpMultiply.class, OpDivide.class);

    /** Reads map entries and nothing else: no methods, types, beans or assignments. */
    private static final EvaluationContext DATA_ONLY =
            SimpleEvaluationContext.forPropertyAccessors(new MapAccessor(false)).build();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_.]+)}");

    private final List<Rule> rules;
    private final Outliers outliers;
    private final String silentImportance;
    private final Measures measures;

    private CheckRules(List<Rule> rules, Outliers outliers, String silentImportance, Measures measures) {
        this.measures = measures;
        this.rules = rules;
        this.outliers = outliers;
        this.silentImportance = silentImportance;
    }

    /** The rules in file order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The rule of that id. */
    public Rule rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No check rule " + id));
    }

    /** A region's figures, by {@code dataset.measure}, as the rules' expressions read them. */
    Map<String, Object> figures(Map<String, BigDecimal> byQualifiedName) {
        return measures.root(byQualifiedName);
    }

    public Outliers outliers() {
        return outliers;
    }

    public String silentImportance() {
        return silentImportance;
    }

    /**
     * Reads and verifies a checks file against the measures the totals carry ({@code catalogue}, totals only).
     *
     * @throws IllegalStateException naming the rule and what is wrong with it
     */
    public static CheckRules load(Resource file, List<MeasureDefinition> catalogue) {
        Object document;
        try (InputStream in = file.getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checks " + file.getDescription(), e);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalStateException("The checks " + file.getDescription() + " are not a YAML mapping");
        }
        Measures measures = new Measures(catalogue);
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Object entry : list(root.get("rules"))) {
            Map<?, ?> rule = (Map<?, ?>) entry;
            String id = text(rule, "id", "a rule");
            if (!ids.add(id)) {
                throw new IllegalStateException("Check rule " + id + " is defined twice");
            }
            rules.add(rule(id, rule, measures));
        }
        Map<?, ?> outliers = root.get("outliers") instanceof Map<?, ?> map ? map : Map.of();
        List<String> outlierMeasures = list(outliers.get("measures")).stream().map(String::valueOf).toList();
        for (String measure : outlierMeasures) {
            if (!measures.qualified.containsKey(measure)) {
                throw new IllegalStateException("Outlier check: unknown measure '" + measure + "' (write dataset.measure, e.g. "
                        + "visits.person_visits)");
            }
        }
        Map<?, ?> silent = root.get("silent_submitters") instanceof Map<?, ?> map ? map : Map.of();
        return new CheckRules(List.copyOf(rules),
                new Outliers(importance(outliers.get("importance"), "中", "outliers"), number(outliers, "months", "6").intValue(),
                        number(outliers, "minimum_months", "3").intValue(), number(outliers, "above", "3"),
                        number(outliers, "below", "3"), outlierMeasures),
                importance(silent.get("importance"), "高", "silent_submitters"), measures);
    }

    private static Rule rule(String id, Map<?, ?> rule, Measures measures) {
        String source = text(rule, "expression", id);
        SpelExpression expression;
        try {
            expression = new SpelExpressionParser().parseRaw(source);
        }
        catch (ExpressionException e) {
            throw new IllegalStateException("Check rule " + id + ": the expression '" + source + "' cannot be parsed: "
                    + e.getMessage(), e);
        }
        List<String> used = new ArrayList<>();
        walk(id, expression.getAST(), measures, used);
        String message = text(rule, "message", id);
        Set<String> shown = new LinkedHashSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(message);
        while (placeholders.find()) {
            if (!measures.known(placeholders.group(1))) {
                throw new IllegalStateException("Check rule " + id + ": the message names an unknown measure {"
                        + placeholders.group(1) + "}");
            }
            shown.add(measures.qualifiedName(placeholders.group(1)));
        }
        List<RegionLevel> levels = new ArrayList<>();
        boolean eachSubmission = false;
        for (Object level : list(rule.get("level"))) {
            if (SUBMISSION.equals(String.valueOf(level).trim())) {
                eachSubmission = true;
                continue;
            }
            try {
                levels.add(RegionLevel.of(String.valueOf(level)));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalStateException("Check rule " + id + ": unknown level '" + level
                        + "' (county, city, province or submission)", e);
            }
        }
        if (levels.isEmpty() && !eachSubmission) {
            throw new IllegalStateException("Check rule " + id + " lacks 'level' (county, city, province or submission)");
        }
        Set<String> named = new LinkedHashSet<>(used);
        named.addAll(shown);
        Rule parsed = new Rule(id, text(rule, "name", id), importance(rule.get("importance"), null, id), List.copyOf(levels),
                eachSubmission ? submissionDataset(id, named) : null, source, expression, message,
                List.copyOf(new LinkedHashSet<>(used)), List.copyOf(named));
        // every measure 1: the expression must evaluate to true or false
        Object probe;
        try {
            probe = parsed.evaluate(measures.probe());
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("Check rule " + id + ": the expression '" + source + "' cannot be evaluated: "
                    + e.getMessage(), e);
        }
        if (!(probe instanceof Boolean)) {
            throw new IllegalStateException("Check rule " + id + ": the expression '" + source
                    + "' is not a condition (true or false)");
        }
        return parsed;
    }

    /**
     * The dataset of the files a rule of each submission judges: the one dataset whose rows give every measure it
     * names (a file holds the rows of one dataset; the rate comes from two).
     */
    private static String submissionDataset(String id, Set<String> named) {
        Map<String, String> sources = TotalsCalculator.sources();
        Set<String> datasets = new LinkedHashSet<>();
        for (String measure : named) {
            if (!sources.containsKey(measure)) {
                throw new IllegalStateException("Check rule " + id + ": " + measure + " is not a figure of one file"
                        + " (level submission: a rule over the rows of one submitted file)");
            }
            datasets.add(sources.get(measure));
        }
        if (datasets.isEmpty()) {
            throw new IllegalStateException("Check rule " + id + ": at level submission a rule names a measure of the file");
        }
        if (datasets.size() > 1) {
            throw new IllegalStateException("Check rule " + id + ": at level submission a rule names the measures of one"
                    + " dataset's files, not of " + String.join(" and ", datasets) + " (" + String.join(", ", named) + ")");
        }
        return datasets.iterator().next();
    }

    /** Refuses every node that is not data, arithmetic or logic, and every name that is not a measure. */
    private static void walk(String id, SpelNode node, Measures measures, List<String> used) {
        if (!ALLOWED.contains(node.getClass())) {
            throw new IllegalStateException("Check rule " + id + ": '" + node.toStringAST() + "' is not allowed ("
                    + node.getClass().getSimpleName() + "; a rule uses only measures, numbers, + - * /, comparisons, "
                    + "between, and, or, not)");
        }
        String name = name(node);
        if (name != null) {
            if (!measures.known(name)) {
                throw new IllegalStateException("Check rule " + id + ": unknown measure '" + name + "'" + measures.hint(name));
            }
            used.add(measures.qualifiedName(name));
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            walk(id, node.getChild(i), measures, used);
        }
        if (node instanceof CompoundExpression) {
            throw new IllegalStateException("Check rule " + id + ": '" + node.toStringAST() + "' is not a measure");
        }
    }

    /** The measure a node names: {@code person_visits}, or {@code visits.amount_yuan}; null for any other node. */
    private static String name(SpelNode node) {
        if (node instanceof PropertyOrFieldReference reference) {
            return reference.getName();
        }
        if (node instanceof CompoundExpression && node.getChildCount() == 2
                && node.getChild(0) instanceof PropertyOrFieldReference dataset
                && node.getChild(1) instanceof PropertyOrFieldReference measure) {
            return dataset.getName() + "." + measure.getName();
        }
        return null;
    }

    private static String importance(Object value, String fallback, String owner) {
        String importance = value == null ? fallback : String.valueOf(value);
        if (!IMPORTANCES.contains(importance)) {
            throw new IllegalStateException("Check " + owner + ": importance must be 高, 中 or 低, not '" + value + "'");
        }
        return importance;
    }

    private static BigDecimal number(Map<?, ?> map, String key, String fallback) {
        Object value = map.get(key);
        try {
            return new BigDecimal(value == null ? fallback : String.valueOf(value));
        }
        catch (NumberFormatException e) {
            throw new IllegalStateException("Outlier check: '" + key + "' must be a number, not '" + value + "'", e);
        }
    }

    private static String text(Map<?, ?> map, String key, String owner) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalStateException("Check rule " + owner + " lacks '" + key + "'");
        }
        return String.valueOf(value);
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    /**
     * One rule: a condition each region of its levels (and each counted file of {@code submissionDataset}) should meet,
     * and the message shown where one does not.
     *
     * @param submissionDataset the dataset whose counted files the rule judges one by one (level {@code submission}),
     *                          else null
     * @param measures          the measures the expression uses, as {@code dataset.measure}
     * @param named             those and the measures the message names
     */
    public record Rule(String id, String name, String importance, List<RegionLevel> levels, String submissionDataset,
            String source, Expression expression, String message, List<String> measures, List<String> named) {

        /** Evaluates the rule over a region's figures (see {@link Measures#root}) in a data-only context. */
        Object evaluate(Map<String, Object> figures) {
            return expression.getValue(DATA_ONLY, figures);
        }

        /** The message with each {@code {measure}} replaced by its figure. */
        String message(Map<String, Object> figures) {
            return PLACEHOLDER.matcher(message).replaceAll(match -> Matcher.quoteReplacement(
                    Measures.plain(Measures.lookup(figures, match.group(1)))));
        }
    }

    /**
     * Outliers against history: a region's figure above {@code above} × or below ÷ {@code below} the median of its
     * previous {@code months} completed months, with at least {@code minimumMonths} of them.
     */
    public record Outliers(String importance, int months, int minimumMonths, BigDecimal above, BigDecimal below,
            List<String> measures) {
    }

    /** The names a rule may use: a measure by its own name where only one dataset has it, or as dataset.measure. */
    static final class Measures {

        private final Map<String, MeasureDefinition> qualified = new LinkedHashMap<>();
        private final Map<String, List<MeasureDefinition>> bare = new HashMap<>();

        Measures(List<MeasureDefinition> catalogue) {
            for (MeasureDefinition measure : catalogue) {
                if (measure.breakdown().isEmpty()) {
                    qualified.put(measure.dataset() + "." + measure.measure(), measure);
                    bare.computeIfAbsent(measure.measure(), name -> new ArrayList<>()).add(measure);
                }
            }
        }

        boolean known(String name) {
            int dot = name.indexOf('.');
            return dot < 0 ? unique(name) : qualified.containsKey(name) && !unique(name.substring(0, dot));
        }

        /** Whether only one dataset has a measure of that name (the measure contracts names no dataset then). */
        private boolean unique(String name) {
            return bare.getOrDefault(name, List.of()).size() == 1;
        }

        String qualifiedName(String name) {
            return qualified.containsKey(name) ? name : bare.get(name).get(0).dataset() + "." + name;
        }

        String hint(String name) {
            List<MeasureDefinition> candidates = bare.getOrDefault(name, List.of());
            return candidates.size() > 1 ? " (" + name + " is a measure of " + candidates.stream()
                    .map(MeasureDefinition::dataset).collect(Collectors.joining(" and ")) + ": write "
                    + candidates.stream().map(m -> m.dataset() + "." + name).collect(Collectors.joining(" or ")) + ")" : "";
        }

        /**
         * The figures of one region as an expression reads them: {@code measure → value} for each measure only one
         * dataset has, and {@code dataset → measure → value} for every dataset not named like such a measure.
         */
        Map<String, Object> root(Map<String, BigDecimal> byQualifiedName) {
            Map<String, Object> root = new HashMap<>();
            qualified.forEach((name, measure) -> {
                BigDecimal value = byQualifiedName.get(name);
                if (!unique(measure.dataset())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> dataset = (Map<String, Object>) root.computeIfAbsent(measure.dataset(),
                            d -> new HashMap<>());
                    dataset.put(measure.measure(), value);
                }
                if (unique(measure.measure())) {
                    root.put(measure.measure(), value);
                }
            });
            return root;
        }

        private Map<String, Object> probe() {
            Map<String, BigDecimal> ones = new HashMap<>();
            qualified.keySet().forEach(name -> ones.put(name, BigDecimal.ONE));
            return root(ones);
        }

        /** A measure's figure in a root built by {@link #root}, by its bare or qualified name. */
        static Object lookup(Map<String, Object> root, String name) {
            int dot = name.indexOf('.');
            return dot < 0 ? root.get(name) : ((Map<?, ?>) root.get(name.substring(0, dot))).get(name.substring(dot + 1));
        }

        static String plain(Object value) {
            return value instanceof BigDecimal number ? number.toPlainString() : "（空）";
        }
    }
}
