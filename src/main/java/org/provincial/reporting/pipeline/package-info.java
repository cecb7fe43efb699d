/**
 * The Spring Batch job that runs a province and period through collect, ingest, dedup, aggregate, checks, report and
 * feedback, and its launching, stopping and listing of runs.
 */
package org.provincial.reporting.pipeline;
