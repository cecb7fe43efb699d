package org.provincial.reporting.ingest.validate;

import java.util.List;

import org.springframework.modulith.NamedInterface;

/**
 * Where each canonical column sits in a file, found from its header row.
 *
 * @param headerRowNumber the 1-based row number of the header row
 * @param columnIndexes   per mapping column (index as in {@code mapping.columns()}), the 0-based cell index, -1 when
 *                        the (optional) column is absent
 * @param headersAsTyped  per mapping column, the header cell exactly as typed, null when absent
 */
@NamedInterface("header")
public record HeaderLayout(int headerRowNumber, int[] columnIndexes, List<String> headersAsTyped) {
}
