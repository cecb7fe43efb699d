package org.provincial.reporting.web;

import java.util.List;
import java.util.Locale;

/** The completeness "map" of a province and period: one block per city, each with the city and its counties. */
final class Completeness {

    private Completeness() {
    }

    /** How much of its datasets a submitter has counted for the period. */
    enum State {
        SUBMITTED("已报送"), PARTLY("部分报送"), REJECTED("被退回"), MISSING("未报送");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One city or county: its state, the datasets counted and those whose files were all rejected. */
    record Cell(String code, String name, State state, List<String> counted, List<String> rejected) {

        /** The tooltip: what is counted, what was sent back, out of how many. */
        public String detail(int datasets) {
            return name + " " + code + "：已计入 " + counted.size() + "/" + datasets
                    + (counted.isEmpty() ? "" : "（" + String.join("、", counted) + "）")
                    + (rejected.isEmpty() ? "" : "；被退回：" + String.join("、", rejected));
        }
    }

    /** A city with its counties, a grouping (省直辖县级行政区划) with its counties, or the counties under the province. */
    record Block(String name, List<Cell> cells) {
    }
}
