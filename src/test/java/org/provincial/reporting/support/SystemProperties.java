package org.provincial.reporting.support;

import java.util.HashMap;
import java.util.Map;

/**
 * System properties a test sets for the applications it starts in-process (they rank above application.properties),
 * and puts back as they were afterwards.
 */
public final class SystemProperties {

    private final Map<String, String> previous = new HashMap<>();

    /** Sets the property, remembering its value before the first change. */
    public void set(String key, String value) {
        String before = System.setProperty(key, value);
        previous.putIfAbsent(key, before);
    }

    /** Puts every property changed back as it was before (absent ones are cleared). */
    public void restore() {
        previous.forEach((key, before) -> {
            if (before == null) {
                System.clearProperty(key);
            }
            else {
                System.setProperty(key, before);
            }
        });
        previous.clear();
    }
}
