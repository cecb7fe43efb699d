/**
 * The checks of {@code mappings/checks.yaml} over a period's totals and counted files, the outliers against history
 * and the submitters gone silent: warnings for review, kept in {@code check_warning}.
 */
package org.provincial.reporting.checks;
