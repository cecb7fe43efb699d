package org.provincial.reporting.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionLevel;
import org.provincial.reporting.reference.RegionReference;

/** The completeness "map" of a province and period: one block per city, each with the city and its counties. */
final class Completeness {

    private Completeness() {
    }

    /** How much of its datasets a submitter has counted for the period. */
    enum State {
        SUBMITTED, PARTLY, REJECTED, MISSING;

        public String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One city or county: its state, the datasets counted and those whose files were all rejected (its label and
     * tooltip in Chinese: {@link Labels#state}, {@link Labels#detail}).
     */
    record Cell(String code, String name, State state, List<String> counted, List<String> rejected) {
    }

    /** A city with its counties, a grouping (省直辖县级行政区划) with its counties, or the counties under the province. */
    record Block(String name, List<Cell> cells) {

        /** How many of its submitters have counted every dataset. */
        public long submitted() {
            return cells.stream().filter(cell -> cell.state() == State.SUBMITTED).count();
        }

        /** How many submitters it expects (the city and its counties). */
        public int expected() {
            return cells.size();
        }
    }

    /** The expected submitters of a block, as the dashboard and the submitter choice group them. */
    record Group(String name, List<Region> submitters) {
    }

    /**
     * The province's expected submitters grouped by city: a city's group holds the city and its counties, a grouping's
     * its counties only, and the counties directly under the province form one group named {@code directlyUnder}
     * (省直辖, {@code completeness.group.directly-under}).
     */
    static List<Group> groups(RegionReference regions, String province, String directlyUnder) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Region submitter : regions.expectedSubmitters(province)) {
            Region city = submitter.level() == RegionLevel.CITY ? submitter : regions.get(submitter.parentCode());
            groups.computeIfAbsent(city.code(), code -> new Group(
                    city.level() == RegionLevel.CITY ? city.name() : directlyUnder, new ArrayList<>()))
                    .submitters().add(submitter);
        }
        return List.copyOf(groups.values());
    }
}
