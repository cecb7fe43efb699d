package org.provincial.reporting.web;

import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * The defaults of {@code serve} (health, metrics, sessions), in {@code serve.properties}, and the pages' one locale:
 * every request is read in zh_CN, whatever its Accept-Language, so {@code #{…}} always comes from
 * {@code messages_zh_CN.properties}.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource(value = "classpath:serve.properties", encoding = "UTF-8")
class WebConfiguration {

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(Locale.SIMPLIFIED_CHINESE);
    }
}
