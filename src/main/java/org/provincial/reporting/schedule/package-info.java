/**
 * What {@code serve} does by itself: the runs of the jobs' schedules, their range reports, the daily purge, and the
 * recovery of executions left running by a dead process.
 */
package org.provincial.reporting.schedule;
