/**
 * Helpers shared by the workbooks the product writes: text from a submission written so no spreadsheet evaluates it.
 */
package org.provincial.reporting.spreadsheet;
