package org.provincial.reporting.aggregate;

import java.util.List;
import java.util.Map;

import org.provincial.reporting.reference.ColumnMapping;
import org.provincial.reporting.reference.ColumnType;
import org.provincial.reporting.reference.DatasetMapping;
import org.provincial.reporting.reference.EnumValue;

/**
 * The Chinese labels of the figures, of each measure and of each breakdown key, as the workbooks, the checks and the
 * pages show them.
 */
public final class MeasureLabels {

    /** The Chinese column label of every measure of SPEC §6, keyed by {@code dataset/measure}. */
    public static final Map<String, String> BY_KEY = Map.ofEntries(
            Map.entry("visits/person_visits", "慰问人次"),
            Map.entry("visits/distinct_persons", "慰问人数（去重）"),
            Map.entry("visits/amount_yuan", "慰问金额（元）"),
            Map.entry("subsidies/payments", "补助人次"),
            Map.entry("subsidies/distinct_recipients", "受助对象数（去重）"),
            Map.entry("subsidies/amount_yuan", "补助金额（元）"),
            Map.entry("contracts/contracts", "集体合同（份）"),
            Map.entry("contracts/workers_covered", "覆盖职工（人）"),
            Map.entry("contracts/enterprises_with_contract", "已签订企业（家）"),
            Map.entry("contracts/enterprises_required", "应建制企业（家）"),
            Map.entry("contracts/establishment_rate", "建制率"),
            Map.entry("welfare/raised_yuan", "筹集送温暖资金（元）"),
            Map.entry("welfare/disbursed_yuan", "发放送温暖资金（元）"),
            Map.entry("welfare/internal_transfer_yuan", "上级工会拨付（元）"));

    private MeasureLabels() {
    }

    /** The Chinese label of a breakdown key: the canonical spelling of that value in the dataset's enumerated columns. */
    public static String breakdown(DatasetMapping mapping, String key) {
        return mapping.columns().stream()
                .filter(column -> column.type() == ColumnType.ENUM)
                .map(ColumnMapping::values)
                .flatMap(List::stream)
                .filter(value -> value.key().equals(key))
                .map(EnumValue::label)
                .findFirst()
                .orElse(key);
    }
}
