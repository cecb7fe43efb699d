/**
 * Publication (SPEC §10): a completed run's workbook and figures kept as a numbered, immutable revision.
 */
package org.provincial.reporting.publish;
