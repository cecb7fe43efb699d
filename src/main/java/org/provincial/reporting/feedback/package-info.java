/**
 * The submitters' feedback: a workbook and a text per submitter and period (states, files, every rejection), the
 * annotated copies of their originals, uploaded to where their files came from.
 */
package org.provincial.reporting.feedback;
