package org.provincial.reporting.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** The defaults of {@code serve} (health, metrics, sessions), in {@code serve.properties}. */
@Configuration(proxyBeanMethods = false)
@PropertySource(value = "classpath:serve.properties", encoding = "UTF-8")
class WebConfiguration {
}
