package org.provincial.reporting.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.Resource;

/** The datasets the pipeline knows, read from the mapping YAML files; the order is the order of {@link #DATASETS}. */
public final class DatasetMappings {

    /** The five datasets of the contract, in the order they are reported. */
    public static final List<String> DATASETS = List.of("visits", "subsidies", "contracts", "enterprise_counts", "welfare");

    /** The file among the mappings that holds the checks across fields and months rather than a dataset. */
    public static final String CHECKS_FILE = "checks.yaml";

    private final Map<String, DatasetMapping> byName;

    private DatasetMappings(Map<String, DatasetMapping> byName) {
        this.byName = byName;
    }

    public static DatasetMappings load(Collection<Resource> yamlFiles) {
        Map<String, DatasetMapping> loaded = new LinkedHashMap<>();
        for (Resource file : yamlFiles) {
            if (CHECKS_FILE.equals(file.getFilename())) {
                continue;
            }
            String origin = "mapping " + file.getDescription();
            DatasetMapping mapping = YamlBinding.read(file, MappingFile.class, "mapping").mapping(origin);
            if (!DATASETS.contains(mapping.dataset())) {
                throw new IllegalStateException("The " + origin + " declares the dataset '" + mapping.dataset()
                        + "', which is none of: " + String.join(", ", DATASETS));
            }
            if (loaded.putIfAbsent(mapping.dataset(), mapping) != null) {
                throw new IllegalStateException("The " + origin + " declares the dataset '" + mapping.dataset()
                        + "' that another mapping declares already");
            }
        }
        Map<String, DatasetMapping> ordered = new LinkedHashMap<>();
        for (String dataset : DATASETS) {
            DatasetMapping mapping = loaded.get(dataset);
            if (mapping == null) {
                throw new IllegalStateException("No mapping found for the dataset " + dataset);
            }
            ordered.put(dataset, mapping);
        }
        return new DatasetMappings(ordered);
    }

    public DatasetMapping get(String dataset) {
        DatasetMapping mapping = byName.get(dataset);
        if (mapping == null) {
            throw new IllegalArgumentException("Unknown dataset " + dataset);
        }
        return mapping;
    }

    public List<DatasetMapping> all() {
        return List.copyOf(byName.values());
    }

    /** The keys of a {@code mappings/<dataset>.yaml} file, as written; docs/configuration.md describes each. */
    record MappingFile(String dataset, String title, List<String> naturalKey, List<String> conflictColumns,
            List<ColumnFile> columns) {

        DatasetMapping mapping(String origin) {
            requireKey(dataset, "dataset", origin);
            requireKey(title, "title", origin);
            requireKey(columns, "columns", origin);
            requireKey(naturalKey, "naturalKey", origin);
            List<ColumnMapping> mapped = new ArrayList<>();
            for (ColumnFile column : columns) {
                mapped.add(column.column(origin));
            }
            DatasetMapping mapping = new DatasetMapping(dataset, title, List.copyOf(mapped), List.copyOf(naturalKey),
                    conflictColumns == null ? List.of() : List.copyOf(conflictColumns));
            check(mapping, origin);
            return mapping;
        }
    }

    /** One entry of {@code columns:} in a mapping file. */
    record ColumnFile(String key, String header, List<String> aliases, Boolean required, ColumnType type,
            Map<String, List<String>> values, Boolean withinPeriod, BigDecimal minimum, String capBy,
            Map<String, BigDecimal> caps) {

        ColumnMapping column(String origin) {
            requireKey(key, "key", origin);
            requireKey(header, "header", origin);
            requireKey(type, "type", origin);
            List<EnumValue> enumValues = new ArrayList<>();
            if (values != null) {
                values.forEach((value, labels) -> enumValues.add(new EnumValue(value, labels == null ? List.of() : List.copyOf(labels))));
            }
            return new ColumnMapping(key, header, aliases == null ? List.of() : List.copyOf(aliases),
                    !Boolean.FALSE.equals(required), type, List.copyOf(enumValues), Boolean.TRUE.equals(withinPeriod),
                    minimum, capBy, caps == null ? Map.of() : Map.copyOf(caps));
        }
    }

    private static void requireKey(Object value, String key, String origin) {
        if (value == null) {
            throw new IllegalStateException("The " + origin + " lacks '" + key + "'");
        }
    }

    /**
     * The keys a mapping names must exist: the natural key and conflict columns are columns, a cap is set by an enum
     * column of the dataset and only for its values, and each kind of setting is on a column whose type has it.
     */
    private static void check(DatasetMapping mapping, String origin) {
        Set<String> keys = new LinkedHashSet<>();
        for (ColumnMapping column : mapping.columns()) {
            if (!keys.add(column.key())) {
                throw new IllegalStateException("The " + origin + " declares the column '" + column.key() + "' twice");
            }
        }
        for (String key : mapping.naturalKey()) {
            knownColumn(key, "naturalKey", keys, origin);
        }
        for (String key : mapping.conflictColumns()) {
            knownColumn(key, "conflictColumns", keys, origin);
        }
        for (ColumnMapping column : mapping.columns()) {
            String where = "The " + origin + ", column " + column.key() + ": ";
            if ((column.type() == ColumnType.ENUM) == column.values().isEmpty()) {
                throw new IllegalStateException(where + (column.type() == ColumnType.ENUM
                        ? "an enum column lists its values under 'values'" : "only an enum column has 'values'"));
            }
            if (column.withinPeriod() && column.type() != ColumnType.DATE) {
                throw new IllegalStateException(where + "only a date column has 'withinPeriod'");
            }
            if (column.minimum() != null && column.type().storedAsText()) {
                throw new IllegalStateException(where + "only a number column (money, count, decimal) has 'minimum'");
            }
            if (column.capBy() == null) {
                if (!column.caps().isEmpty()) {
                    throw new IllegalStateException(where + "'caps' needs 'capBy', the enum column whose value selects the cap");
                }
                continue;
            }
            if (column.type() != ColumnType.MONEY) {
                throw new IllegalStateException(where + "only a money column has 'capBy' and 'caps'");
            }
            knownColumn(column.capBy(), "capBy of " + column.key(), keys, origin);
            ColumnMapping by = mapping.column(column.capBy()).orElseThrow();
            if (by.type() != ColumnType.ENUM) {
                throw new IllegalStateException(where + "capBy names " + by.key() + ", which is no enum column");
            }
            for (String value : column.caps().keySet()) {
                if (by.value(value).isEmpty()) {
                    throw new IllegalStateException(where + "caps names '" + value + "', which is no value of "
                            + by.key() + " (" + by.values().stream().map(EnumValue::key).collect(Collectors.joining(", "))
                            + ")");
                }
            }
        }
    }

    private static void knownColumn(String key, String where, Set<String> keys, String origin) {
        if (!keys.contains(key)) {
            throw new IllegalStateException("The " + origin + " names '" + key + "' in " + where
                    + ", which is no column; the columns are: " + String.join(", ", keys));
        }
    }
}
