package org.provincial.reporting.reference;

import java.util.Set;

/** A GB/T 2260 region: its six-digit code, name, level and the region directly above it. */
public record Region(String code, String name, RegionLevel level, String parentCode, String provinceCode) {

    /** The names of the city-level groupings of the county-level units a province governs directly (SPEC §1). */
    private static final Set<String> GROUPING_NAMES = Set.of("省直辖县级行政区划", "自治区直辖县级行政区划");

    /**
     * True for a statistical grouping such as 429000 省直辖县级行政区划: not a union, never a submitter; its counties
     * submit directly, and its totals are a subtotal computed like a city's.
     */
    public boolean isGrouping() {
        return level == RegionLevel.CITY && GROUPING_NAMES.contains(name);
    }

    /** True for a union expected to submit for its province: every city and county except the groupings. */
    public boolean isExpectedSubmitter() {
        return level != RegionLevel.PROVINCE && !isGrouping();
    }
}
