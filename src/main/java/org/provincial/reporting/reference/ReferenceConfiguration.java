package org.provincial.reporting.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/** Publishes the region reference and the dataset mappings ({@code reporting.mappings}, YAML files) as beans. */
@Configuration(proxyBeanMethods = false)
class ReferenceConfiguration {

    @Bean
    RegionReference regionReference() {
        return RegionReference.load();
    }

    @Bean
    DatasetMappings datasetMappings(ResourcePatternResolver resources,
            @Value("${reporting.mappings:classpath*:mappings/*.yaml}") String location) {
        try {
            return DatasetMappings.load(List.of(resources.getResources(location)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the mappings at " + location, e);
        }
    }
}
