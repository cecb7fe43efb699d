package org.provincial.reporting.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GB/T 2260 region reference shipped as {@code reference/regions.csv}: lookups, hierarchy and the regions of a
 * province in the order staff read them (the province, then each city followed by its counties).
 */
public final class RegionReference {

    public static final String RESOURCE = "reference/regions.csv";

    private final Map<String, Region> byCode;

    private RegionReference(Map<String, Region> byCode) {
        this.byCode = byCode;
    }

    /** Loads the reference shipped on the classpath. */
    public static RegionReference load() {
        try (InputStream in = RegionReference.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The region reference " + RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RegionReference parse(InputStream csv) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String line = reader.readLine(); // header: code,name,level,parent_code
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] fields = line.split(",", -1);
                    rows.put(fields[0].trim(), fields);
                }
            }
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String[] fields : rows.values()) {
            String code = fields[0].trim();
            String parent = fields[3].trim().isEmpty() ? null : fields[3].trim();
            String province = code;
            for (String up = parent; up != null; up = emptyToNull(rows.get(up)[3])) {
                province = up;
            }
            regions.put(code, new Region(code, fields[1].trim(), RegionLevel.of(fields[2]), parent, province));
        }
        return new RegionReference(Collections.unmodifiableMap(regions));
    }

    private static String emptyToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public Region get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("Unknown region code " + code));
    }

    public boolean isProvince(String code) {
        return find(code).map(r -> r.level() == RegionLevel.PROVINCE).orElse(false);
    }

    /** True when {@code code} is {@code ancestor} itself or a region below it. */
    public boolean isWithin(String code, String ancestor) {
        for (Region region = byCode.get(code); region != null; region = region.parentCode() == null ? null : byCode.get(region.parentCode())) {
            if (region.code().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The region itself and every region above it, most specific first. */
    public List<Region> lineage(String code) {
        List<Region> lineage = new ArrayList<>();
        for (Region region = byCode.get(code); region != null; region = region.parentCode() == null ? null : byCode.get(region.parentCode())) {
            lineage.add(region);
        }
        return lineage;
    }

    /** The province, then each of its cities followed by that city's counties, by code. */
    public List<Region> regionsOf(String province) {
        List<Region> ordered = new ArrayList<>();
        ordered.add(get(province));
        for (Region city : childrenOf(province)) {
            ordered.add(city);
            ordered.addAll(childrenOf(city.code()));
        }
        return ordered;
    }

    /**
     * The unions expected to submit for the province, in the order of {@link #regionsOf}: each city, or for a
     * grouping ({@link Region#isGrouping()}) not the grouping itself, followed by its counties.
     */
    public List<Region> expectedSubmitters(String province) {
        return regionsOf(province).stream().filter(Region::isExpectedSubmitter).toList();
    }

    public List<Region> childrenOf(String code) {
        return byCode.values().stream()
                .filter(r -> code.equals(r.parentCode()))
                .sorted(Comparator.comparing(Region::code))
                .toList();
    }

    public List<Region> all() {
        return List.copyOf(byCode.values());
    }
}
