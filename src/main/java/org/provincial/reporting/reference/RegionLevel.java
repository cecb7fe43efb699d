package org.provincial.reporting.reference;

/** The three levels of the reference; rank grows with specificity (a county is more specific than a city). */
public enum RegionLevel {

    PROVINCE(1), CITY(2), COUNTY(3);

    private final int rank;

    RegionLevel(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RegionLevel of(String label) {
        return valueOf(label.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
