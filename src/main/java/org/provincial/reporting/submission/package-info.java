/**
 * The {@code submission} and {@code rejection} tables: their repositories, the submission statuses and the Chinese
 * error types of the rejection codes.
 */
package org.provincial.reporting.submission;
