package org.provincial.reporting.privacy;

import org.provincial.reporting.storage.ReportingHome;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the resident ID hashes from {@code reporting.privacy.id-key}, or from the key file in the home when unset. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    ResidentIdHashes residentIdHashes(@Value("${reporting.privacy.id-key:}") String configuredKey, ReportingHome home) {
        return new ResidentIdHashes(IdKey.resolve(configuredKey, home.root()));
    }
}
