package org.provincial.reporting.reference;

import java.util.List;

/** One allowed value of an enumerated column: its key and the spellings accepted for it, the canonical one first. */
public record EnumValue(String key, List<String> labels) {

    public String label() {
        return labels.isEmpty() ? key : labels.get(0);
    }
}
