package org.provincial.reporting.reference;

import java.util.List;
import java.util.Optional;

/**
 * A dataset as declared in {@code mappings/<dataset>.yaml}: its columns, the natural key that makes two rows
 * one fact, and the columns whose differing values between copies make a CONFLICT.
 */
public record DatasetMapping(String dataset, String title, List<ColumnMapping> columns, List<String> naturalKey,
        List<String> conflictColumns) {

    public Optional<ColumnMapping> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    public int indexOf(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Dataset " + dataset + " has no column " + key);
    }

    /**
     * A column of the staged row {@code alias} as rows are grouped by it: text compared byte by byte
     * ({@code collate "C"}), which groups exactly the same values as the database's deterministic collation and sorts
     * faster; other types as they are.
     */
    public String groupedBy(String alias, String column) {
        String qualified = alias + "." + column;
        boolean text = column(column).map(c -> c.type().storedAsText()).orElse(false);
        return text ? qualified + " collate \"C\"" : qualified;
    }

    public List<ColumnMapping> requiredColumns() {
        return columns.stream().filter(ColumnMapping::required).toList();
    }

    /** The staging table of this dataset; its columns are named by the column keys, plus the masked IDs' columns. */
    public String stageTable() {
        return "stage_" + dataset;
    }
}
