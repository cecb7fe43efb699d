/**
 * The readers of submitted files (CSV, XLS, XLSX) row by row, with their limits against hostile files: exposed as the
 * named interface {@code read}, since the feedback reads an original again to annotate it.
 */
@NamedInterface("read")
package org.provincial.reporting.ingest.read;

import org.springframework.modulith.NamedInterface;
