package org.provincial.reporting.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One canonical column of a dataset as declared in {@code mappings/<dataset>.yaml}.
 *
 * @param key           canonical key, also the staging column name and an accepted header
 * @param header        canonical Chinese header
 * @param aliases       other accepted headers
 * @param required      whether the column must be present and every row must have a value
 * @param type          how values are read and checked
 * @param values        for {@link ColumnType#ENUM}: the allowed values
 * @param withinPeriod  for dates: must fall inside the submission's month
 * @param minimum       for numbers: the smallest allowed value (below it: NEGATIVE)
 * @param capBy         for money: the key of the enum column whose value selects a cap
 * @param caps          for money: the cap per value of the {@code capBy} column
 */
public record ColumnMapping(String key, String header, List<String> aliases, boolean required, ColumnType type,
        List<EnumValue> values, boolean withinPeriod, BigDecimal minimum, String capBy, Map<String, BigDecimal> caps) {

    /** Every header that names this column: the Chinese header, the aliases and the English key. */
    public List<String> acceptedHeaders() {
        List<String> headers = new ArrayList<>();
        headers.add(header);
        headers.addAll(aliases);
        headers.add(key);
        return headers;
    }

    /** For a column whose type holds resident IDs: the staging column of their masked form. */
    public String maskedKey() {
        return key + "_masked";
    }

    public Optional<EnumValue> value(String key) {
        return values.stream().filter(v -> v.key().equals(key)).findFirst();
    }
}
