/**
 * Metrics and health: rows and runs read from the database, the sources reached with a short timeout.
 */
package org.provincial.reporting.observability;
