/**
 * The workbook of a period or range: summary, completeness, one sheet per dataset, review of the checks, differences
 * from the published revision.
 */
package org.provincial.reporting.report;
