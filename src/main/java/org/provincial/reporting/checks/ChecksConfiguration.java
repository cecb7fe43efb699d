package org.provincial.reporting.checks;

import org.provincial.reporting.aggregate.TotalsCalculator;
import org.provincial.reporting.reference.DatasetMappings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Publishes the checks of {@code reporting.checks} (default the shipped {@code mappings/checks.yaml}), verified at start-up. */
@Configuration(proxyBeanMethods = false)
class ChecksConfiguration {

    @Bean
    CheckRules checkRules(ResourceLoader resources, DatasetMappings mappings,
            @Value("${reporting.checks:classpath:mappings/" + DatasetMappings.CHECKS_FILE + "}") String location) {
        return CheckRules.load(resources.getResource(location), TotalsCalculator.catalogue(mappings));
    }
}
