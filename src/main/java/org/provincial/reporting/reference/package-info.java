/**
 * The reference data the pipeline reads: the dataset mappings of {@code mappings/}, the regions, the display time
 * zone.
 */
package org.provincial.reporting.reference;
