package org.provincial.reporting.reference;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The Chinese texts of {@code messages_zh_CN.properties}, read with locale zh_CN: the application's bean, and the
 * same bundle where no application context runs yet (the command line checking a password before it starts one).
 */
public final class Texts {

    private Texts() {
    }

    /** The texts of the given message source (the application's), in Chinese whatever the JVM's default locale. */
    public static MessageSourceAccessor chinese(MessageSource messages) {
        return new MessageSourceAccessor(messages, Locale.SIMPLIFIED_CHINESE);
    }

    /** The texts read straight from the bundle, as {@code spring.messages.*} in application.properties reads it. */
    public static MessageSourceAccessor fromBundle() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return chinese(messages);
    }
}
