package org.provincial.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Figures written the way the province publishes them (慰问职工46万人次, 覆盖职工8.1万人, 送温暖资金2亿元, 建制率91%):
 * counts of ten thousand and more in 万 to one decimal, money of ten thousand yuan and more in 万元 to two
 * decimals, a hundred million and more in 亿 to two decimals; trailing zeros dropped, rounding half-up.
 */
public final class PublishedFigures {

    private static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    private static final BigDecimal YI = BigDecimal.valueOf(100_000_000);

    private PublishedFigures() {
    }

    /** A count followed by its unit: {@code 7986人次}, {@code 4.2万人次}, {@code 1.35亿人次}. */
    public static String count(BigDecimal value, String unit) {
        return scaled(value, 1) + unit;
    }

    /** Yuan: {@code 8500元}, {@code 8500.50元}, {@code 12.35万元}, {@code 2亿元}. */
    public static String money(BigDecimal value) {
        return scaled(value, 2) + "元";
    }

    /** A 4-decimal fraction as a percentage: 0.9100 is {@code 91%}, 0.8081 is {@code 80.81%}; null is {@code —}. */
    public static String rate(BigDecimal value) {
        return value == null ? "—" : plain(value.movePointRight(2).setScale(2, RoundingMode.HALF_UP)) + "%";
    }

    /** The value below 万 as it is (whole, or with 2 decimals), else in 万 to {@code decimalsInWan} decimals, or in 亿 to 2. */
    private static String scaled(BigDecimal value, int decimalsInWan) {
        BigDecimal magnitude = value.abs();
        if (magnitude.compareTo(YI) >= 0) {
            return plain(value.divide(YI, 2, RoundingMode.HALF_UP)) + "亿";
        }
        if (magnitude.compareTo(WAN) >= 0) {
            BigDecimal inWan = value.divide(WAN, decimalsInWan, RoundingMode.HALF_UP);
            // 9999.96万 rounds up to 10000万: that is 1亿
            return inWan.abs().compareTo(WAN) >= 0 ? plain(value.divide(YI, 2, RoundingMode.HALF_UP)) + "亿" : plain(inWan) + "万";
        }
        BigDecimal cents = value.setScale(2, RoundingMode.HALF_UP);
        return cents.stripTrailingZeros().scale() <= 0 ? plain(cents) : cents.toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * The change from {@code earlier} to {@code current} as a fraction rounded half-up to 4 decimals (0.1250 is
     * +12.5%); null where either is missing or {@code earlier} is 0 (no made-up 0 or ∞%).
     */
    public static BigDecimal change(BigDecimal current, BigDecimal earlier) {
        if (current == null || earlier == null || earlier.signum() == 0) {
            return null;
        }
        return current.subtract(earlier).divide(earlier.abs(), 4, RoundingMode.HALF_UP);
    }

    /**
     * A comparison as a sentence says it: {@code 比上月增长12.5%}, {@code 同比下降3%}, {@code 与上月持平}; empty where the
     * change is undefined ({@link #change}). A rate changes by percentage points: {@code 同比提高1.2个百分点}.
     *
     * @param word 比上月, 比上期 or 同比
     */
    public static String comparison(String word, BigDecimal current, BigDecimal earlier, boolean rate) {
        if (rate) {
            if (current == null || earlier == null) {
                return "";
            }
            BigDecimal points = current.subtract(earlier).movePointRight(2).setScale(2, RoundingMode.HALF_UP);
            return points.signum() == 0 ? unchanged(word) : word + (points.signum() > 0 ? "提高" : "降低") + plain(points.abs()) + "个百分点";
        }
        BigDecimal change = change(current, earlier);
        if (change == null) {
            return "";
        }
        BigDecimal percent = change.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
        return percent.signum() == 0 ? unchanged(word) : word + (percent.signum() > 0 ? "增长" : "下降") + plain(percent.abs()) + "%";
    }

    /** 与上月持平, 与上期持平, 同比持平. */
    private static String unchanged(String word) {
        return (word.startsWith("比") ? "与" + word.substring(1) : word) + "持平";
    }
}
