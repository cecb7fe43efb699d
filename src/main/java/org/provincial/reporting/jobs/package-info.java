/**
 * The job definitions of {@code jobs/*.yaml}: per province its sources, schedule, reporting period, reject threshold,
 * deadline and contact.
 */
package org.provincial.reporting.jobs;
