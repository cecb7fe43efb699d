package org.provincial.reporting.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Publishes the region reference, the dataset mappings ({@code reporting.mappings}, YAML files) and the texts people
 * read ({@code messages_zh_CN.properties}) as beans.
 */
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
            return DatasetMappings.load(YamlBinding.firstOfEachName(resources.getResources(location)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the mappings at " + location, e);
        }
    }

    /** The Chinese texts of the pages, the API and the audit log, by key, whatever the JVM's default locale. */
    @Bean
    MessageSourceAccessor texts(MessageSource messages) {
        return Texts.chinese(messages);
    }
}
