package org.provincial.reporting.collect;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the collector trusts to answer as a source ({@code reporting.collect.*}, apart from {@link CollectProperties}).
 *
 * @param knownHosts         the SFTP servers' host keys in OpenSSH's known_hosts format
 *                           (REPORTING_COLLECT_KNOWN_HOSTS; default {@code <home>/known_hosts})
 * @param trustNewHosts      record the key of an SFTP server not yet in knownHosts on first contact instead of
 *                           refusing it (REPORTING_COLLECT_TRUST_NEW_HOSTS, default false)
 * @param trustStore         a PKCS12 file of the certificates (or authorities) FTPS servers are trusted by
 *                           (REPORTING_COLLECT_TRUST_STORE); without it the JVM's default trust
 * @param trustStorePassword its password (REPORTING_COLLECT_TRUST_STORE_PASSWORD)
 */
@ConfigurationProperties("reporting.collect")
public record TrustProperties(
        Path knownHosts,
        @DefaultValue("false") boolean trustNewHosts,
        Path trustStore,
        String trustStorePassword) {
}
