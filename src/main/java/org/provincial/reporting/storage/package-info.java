/**
 * Where state lives: the home directory, the embedded PostgreSQL, table statistics, and the lock on a province and
 * period that runs, purges and publications take.
 */
package org.provincial.reporting.storage;
