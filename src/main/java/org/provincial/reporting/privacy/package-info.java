/**
 * Resident IDs: their validation (GB 11643), their masked form, and the keyed hashes they are kept as.
 */
package org.provincial.reporting.privacy;
