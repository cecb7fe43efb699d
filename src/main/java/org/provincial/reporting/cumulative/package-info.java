/**
 * Ranges of months (SPEC §9: 累计, 环比, 同比): their totals and workbooks computed from the facts the months' runs
 * left counted.
 */
package org.provincial.reporting.cumulative;
