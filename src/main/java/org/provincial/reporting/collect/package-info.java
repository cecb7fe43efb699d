/**
 * Collection: the submitters' files fetched from the sources (FTP, FTPS, SFTP, local directories) by Camel routes,
 * their names checked, archived and registered as submissions; the sources' passwords and trust.
 */
package org.provincial.reporting.collect;
