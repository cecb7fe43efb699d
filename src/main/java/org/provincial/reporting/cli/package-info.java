/**
 * The command line (SPEC §8): run, restart, status, serve, user, purge, report, sources, publish and feedback;
 * {@link org.provincial.reporting.cli.ReportingCli} is the program's entry point.
 */
package org.provincial.reporting.cli;
