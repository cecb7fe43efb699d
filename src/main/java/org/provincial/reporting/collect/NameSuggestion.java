package org.provincial.reporting.collect;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses the name a clerk meant when a file's name does not follow the rule (SPEC §2.2): a download copy
 * ({@code (1)}, {@code -副本}) becomes the next version, full-width characters their ASCII forms, {@code 2025-1},
 * {@code 202501} or {@code 2025年1月} the period {@code 2025-01}, a Chinese dataset name (慰问, 补助 …) its key, and
 * a missing submitter the directory's code. No guess when the dataset, the period or the submitter stays unknown.
 */
final class NameSuggestion {

    /** Chinese names of the datasets as clerks write them, tried in this order (longer names first). */
    private static final Map<String, String> CHINESE_DATASETS = new LinkedHashMap<>();

    static {
        CHINESE_DATASETS.put("应建制企业数", "enterprise_counts");
        CHINESE_DATASETS.put("建制企业", "enterprise_counts");
        CHINESE_DATASETS.put("集体合同", "contracts");
        CHINESE_DATASETS.put("送温暖", "welfare");
        CHINESE_DATASETS.put("慰问", "visits");
        CHINESE_DATASETS.put("补助", "subsidies");
    }

    private static final Pattern EXTENSION = Pattern.compile("(?i)\\.(csv|xlsx|xls)$");

    /** A browser's or Explorer's copy marker at the end: " (1)", "（2）", " - 副本", "-副本 (2)", "副本", " - Copy". */
    private static final Pattern COPY = Pattern.compile(
            "(?i)\\s*(?:[-_]?\\s*(?:副本|copy)\\s*)?(?:\\((\\d{1,3})\\))?\\s*$");

    private static final Pattern DATASET_KEY = Pattern.compile("(?i)(?<![a-z])(enterprise_counts|visits|subsidies"
            + "|contracts|welfare)(?![a-z])");

    private static final Pattern PERIOD = Pattern.compile(
            "(?<!\\d)(20\\d{2})\\s*(?:[-./_年]\\s*)?(1[0-2]|0?[1-9])(?:\\s*月(?:份)?)?(?!\\d)");

    private static final Pattern SUBMITTER = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

    private static final Pattern VERSION = Pattern.compile("(?i)(?<![a-z])v(\\d{1,9})(?!\\d)");

    private NameSuggestion() {
    }

    /**
     * The name the file should have had, or empty when none can be guessed.
     *
     * @param fileName  the name as uploaded
     * @param directory the submitter directory the file lies in ("" when none)
     */
    static Optional<String> suggest(String fileName, String directory) {
        String name = Normalizer.normalize(fileName.strip(), Normalizer.Form.NFKC);
        Matcher extension = EXTENSION.matcher(name);
        if (!extension.find()) {
            return Optional.empty();
        }
        String format = extension.group(1).toLowerCase(Locale.ROOT);
        String rest = name.substring(0, extension.start());

        int copies = 0;
        Matcher copy = COPY.matcher(rest);
        if (copy.find() && copy.start() < copy.end()) {
            copies = copy.group(1) == null ? 1 : Integer.parseInt(copy.group(1));
            copies = Math.max(copies, 1);
            rest = rest.substring(0, copy.start());
        }

        String dataset = dataset(rest);
        if (dataset == null) {
            return Optional.empty();
        }
        rest = DATASET_KEY.matcher(rest).replaceAll(" ");

        Matcher period = PERIOD.matcher(rest);
        if (!period.find()) {
            return Optional.empty();
        }
        String month = period.group(1) + "-" + String.format(Locale.ROOT, "%02d", Integer.parseInt(period.group(2)));
        rest = rest.substring(0, period.start()) + " " + rest.substring(period.end());

        // the directory says who submitted; a name naming another submitter is no slip of the keyboard
        Matcher code = SUBMITTER.matcher(rest);
        String named = code.find() ? code.group(1) : null;
        boolean inSubmitterDirectory = directory != null && directory.matches("\\d{6}");
        if (named != null && inSubmitterDirectory && !named.equals(directory)
                || named == null && !inSubmitterDirectory) {
            return Optional.empty();
        }
        String submitter = named != null ? named : directory;

        Matcher version = VERSION.matcher(rest);
        long base = version.find() ? Long.parseLong(version.group(1)) : 1;
        long next = Math.max(base, 1) + copies;
        String suggestion = submitter + "_" + dataset + "_" + month + (next > 1 ? "_v" + next : "") + "." + format;
        return SubmissionName.parse(suggestion).isPresent() && !suggestion.equals(fileName)
                ? Optional.of(suggestion) : Optional.empty();
    }

    /** The one dataset the name speaks of, by key or Chinese name; null when none or several. */
    private static String dataset(String name) {
        String found = null;
        Matcher key = DATASET_KEY.matcher(name);
        while (key.find()) {
            String dataset = key.group(1).toLowerCase(Locale.ROOT);
            if (found != null && !found.equals(dataset)) {
                return null;
            }
            found = dataset;
        }
        String remaining = name;
        for (Map.Entry<String, String> chinese : CHINESE_DATASETS.entrySet()) {
            if (remaining.contains(chinese.getKey())) {
                if (found != null && !found.equals(chinese.getValue())) {
                    return null;
                }
                found = chinese.getValue();
                remaining = remaining.replace(chinese.getKey(), " ");
            }
        }
        return found;
    }
}
