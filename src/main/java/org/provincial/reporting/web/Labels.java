package org.provincial.reporting.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.security.Role;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Component;

/** The Chinese words and formats of the pages, for the templates as {@code @labels}. */
@Component("labels")
class Labels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The fates of a received file, in the order of the submissions page's choice. */
    private static final List<String> SUBMISSION_STATUSES = List.of("RECEIVED", "ACCEPTED", "REJECTED", "DUPLICATE_FILE", "NAME_INVALID", "SUBMITTER_MISMATCH");

    private final DatasetMappings mappings;
    private final RegionReference regions;
    private final MessageSourceAccessor texts;

    Labels(DatasetMappings mappings, RegionReference regions, MessageSourceAccessor texts) {
        this.mappings = mappings;
        this.regions = regions;
        this.texts = texts;
    }

    public String runStatus(String status) {
        return label("label.run-status.", status);
    }

    /** Each fate of a received file with its Chinese label, in the order of the submissions page's choice. */
    public Map<String, String> submissionStatuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        SUBMISSION_STATUSES.forEach(status -> statuses.put(status, submissionStatus(status)));
        return statuses;
    }

    public String submissionStatus(String status) {
        return label("label.submission-status.", status);
    }

    public String step(String name) {
        return label("label.step.", name);
    }

    public String action(String action) {
        return label("label.action.", action);
    }

    /** The bundle's label of the code under the prefix; the code itself when the bundle has none. */
    private String label(String prefix, String code) {
        return code == null ? null : texts.getMessage(prefix + code, null, code);
    }

    /** 已报送, 部分报送, 被退回 or 未报送. */
    public String state(Completeness.State state) {
        return texts.getMessage("completeness.state." + state.name());
    }

    /** A tile's tooltip: what is counted, what was sent back, out of how many. */
    public String detail(Completeness.Cell cell, int datasets) {
        return texts.getMessage("completeness.detail", new Object[] { cell.name(), cell.code(),
                String.valueOf(cell.counted().size()), String.valueOf(datasets) })
                + (cell.counted().isEmpty() ? ""
                        : texts.getMessage("completeness.detail.counted", new Object[] { String.join("、", cell.counted()) }))
                + (cell.rejected().isEmpty() ? ""
                        : texts.getMessage("completeness.detail.rejected", new Object[] { String.join("、", cell.rejected()) }));
    }

    public String role(Role role) {
        return texts.getMessage("role." + role.label());
    }

    public String dataset(String dataset) {
        if (dataset == null) {
            return "—";
        }
        return mappings.all().stream().filter(m -> m.dataset().equals(dataset)).findFirst()
                .map(m -> m.title()).orElse(dataset);
    }

    /** The Chinese label of a measure of SPEC §6, as the workbook's column. */
    public String measure(String dataset, String measure) {
        return MeasureLabels.BY_KEY.getOrDefault(dataset + "/" + measure, measure);
    }

    /** 合计 for a measure's total, else the Chinese label of the breakdown key. */
    public String breakdown(String dataset, String breakdown) {
        return breakdown.isEmpty() ? texts.getMessage("label.total") : MeasureLabels.breakdown(mappings.get(dataset), breakdown);
    }

    public String region(String code) {
        return code == null ? "" : regions.find(code.strip()).map(Region::name).orElse(code);
    }

    public String time(LocalDateTime time) {
        return time == null ? "—" : TIME.format(time);
    }

    public String time(OffsetDateTime time) {
        return time == null ? "—" : TIME.format(time.atZoneSameInstant(ZoneId.systemDefault()));
    }

    /** A count or amount with thousands separators: 12,345 and 8,500.5; null is —. */
    public String number(Number value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof BigDecimal decimal) {
            return new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(decimal);
        }
        return String.format(Locale.ROOT, "%,d", value.longValue());
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return texts.getMessage("label.duration.seconds", new Object[] { String.valueOf(seconds) });
        }
        if (seconds < 3600) {
            return texts.getMessage("label.duration.minutes",
                    new Object[] { String.valueOf(seconds / 60), String.valueOf(seconds % 60) });
        }
        return texts.getMessage("label.duration.hours",
                new Object[] { String.valueOf(seconds / 3600), String.valueOf(seconds % 3600 / 60) });
    }
}
