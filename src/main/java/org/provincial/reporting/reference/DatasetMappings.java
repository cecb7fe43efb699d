package org.provincial.reporting.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
            try (InputStream in = file.getInputStream()) {
                DatasetMapping mapping = parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), file.getDescription());
                loaded.put(mapping.dataset(), mapping);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the mapping " + file.getDescription(), e);
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

    @SuppressWarnings("unchecked")
    private static DatasetMapping parse(Object document, String origin) {
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalStateException("The mapping " + origin + " is not a YAML mapping");
        }
        List<ColumnMapping> columns = new ArrayList<>();
        for (Map<String, Object> column : (List<Map<String, Object>>) required(root, "columns", origin)) {
            List<EnumValue> values = new ArrayList<>();
            Map<String, Object> declaredValues = (Map<String, Object>) column.getOrDefault("values", Map.of());
            declaredValues.forEach((key, labels) -> values.add(new EnumValue(key, strings(labels))));
            Map<String, BigDecimal> caps = new LinkedHashMap<>();
            ((Map<String, Object>) column.getOrDefault("caps", Map.of()))
                    .forEach((key, cap) -> caps.put(key, new BigDecimal(cap.toString())));
            Object minimum = column.get("minimum");
            columns.add(new ColumnMapping(
                    (String) required(column, "key", origin),
                    (String) required(column, "header", origin),
                    strings(column.get("aliases")),
                    !Boolean.FALSE.equals(column.get("required")),
                    ColumnType.valueOf(((String) required(column, "type", origin)).toUpperCase(java.util.Locale.ROOT)),
                    List.copyOf(values),
                    Boolean.TRUE.equals(column.get("withinPeriod")),
                    minimum == null ? null : new BigDecimal(minimum.toString()),
                    (String) column.get("capBy"),
                    Map.copyOf(caps)));
        }
        return new DatasetMapping((String) required(root, "dataset", origin), (String) required(root, "title", origin),
                List.copyOf(columns), strings(required(root, "naturalKey", origin)), strings(root.get("conflictColumns")));
    }

    private static Object required(Map<?, ?> map, String key, String origin) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("The mapping " + origin + " lacks '" + key + "'");
        }
        return value;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
