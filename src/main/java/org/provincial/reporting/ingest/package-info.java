/**
 * Ingestion: each collected file read (CSV, XLS, XLSX), its header row found, every row validated and staged, the
 * file accepted or rejected. Other modules may use the readers ({@code ingest.read}, named interface {@code read})
 * and the header search ({@code HeaderLocator}, named interface {@code header}).
 */
package org.provincial.reporting.ingest;
