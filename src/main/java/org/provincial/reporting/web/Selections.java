package org.provincial.reporting.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;

import org.springframework.stereotype.Component;

/**
 * Which province and period a page shows when the request names none: the first province of jobs/ (or with
 * submissions), and its latest period with submissions, else the period its job would report today.
 */
@Component
class Selections {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final String FALLBACK_PROVINCE = "440000";

    private final JobDefinitions jobs;
    private final SubmissionQueries submissions;
    private final RegionReference regions;

    Selections(JobDefinitions jobs, SubmissionQueries submissions, RegionReference regions) {
        this.jobs = jobs;
        this.submissions = submissions;
        this.regions = regions;
    }

    /** The provinces to choose from: those of jobs/, then those with submissions. */
    List<Region> provinces() {
        Set<String> codes = new LinkedHashSet<>();
        jobs.all().forEach(job -> codes.add(job.province()));
        codes.addAll(submissions.provinces());
        if (codes.isEmpty()) {
            codes.add(FALLBACK_PROVINCE);
        }
        return codes.stream().filter(regions::isProvince).map(regions::get).toList();
    }

    String province(String requested) {
        if (requested != null && regions.isProvince(requested.strip())) {
            return requested.strip();
        }
        List<Region> provinces = provinces();
        return provinces.isEmpty() ? FALLBACK_PROVINCE : provinces.get(0).code();
    }

    String period(String province, String requested) {
        if (requested != null && PERIOD.matcher(requested.strip()).matches()) {
            return requested.strip();
        }
        List<String> periods = submissions.periods(province);
        if (!periods.isEmpty()) {
            return periods.get(0);
        }
        return jobs.forProvince(province).map(job -> job.periodFor(LocalDate.now()))
                .orElse(YearMonth.now()).toString();
    }

    /**
     * The periods to choose from for the province, newest first: the one shown (when any), this month, the month whose
     * files are due next, and those with submissions — a month without files can be picked without editing the URL.
     */
    List<String> periods(String province, String shown) {
        LocalDate today = LocalDate.now();
        Set<String> periods = new LinkedHashSet<>();
        if (shown != null && PERIOD.matcher(shown.strip()).matches()) {
            periods.add(shown.strip());
        }
        periods.add(YearMonth.from(today).toString());
        periods.add(dueNext(province, today).toString());
        periods.addAll(submissions.periods(province));
        return periods.stream().sorted(Comparator.reverseOrder()).toList();
    }

    /**
     * The month whose files are due next on {@code today}: the previous month until its deadline (the job's
     * {@code deadlineDay}) has passed, then this month; without a deadline, the month a scheduled run reports today.
     */
    YearMonth dueNext(String province, LocalDate today) {
        YearMonth previous = YearMonth.from(today).minusMonths(1);
        return jobs.forProvince(province)
                .map(job -> job.deadlineFor(previous)
                        .map(deadline -> deadline.isBefore(today) ? YearMonth.from(today) : previous)
                        .orElseGet(() -> job.periodFor(today)))
                .orElse(YearMonth.from(today));
    }

    /** The day the files of the period are due, from the province's job in jobs/ ({@code deadlineDay}). */
    Optional<LocalDate> deadline(String province, String period) {
        return jobs.forProvince(province).flatMap(job -> job.deadlineFor(YearMonth.parse(period)));
    }

    /** The province's expected submitters by city, for choosing a submitter by name. */
    List<Completeness.Group> submitterGroups(String province) {
        return submissions.groups(province);
    }
}
