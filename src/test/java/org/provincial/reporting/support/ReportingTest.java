package org.provincial.reporting.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a fresh home with its own embedded PostgreSQL, and collection timings short enough
 * for tests (files are judged complete once unchanged over listings 250 ms apart). Every test class shares this one context, and
 * so one database: give each test its own submitters or periods.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "reporting.home=target/test-homes/${random.uuid}",
        "reporting.collect.stable-after=250ms",
        "reporting.collect.changing-wait=5s",
        "reporting.collect.reconnect-attempts=2",
        "reporting.collect.reconnect-delay=200ms",
        "reporting.collect.connect-timeout=2s",
        "reporting.collect.poll-delay=200ms",
        "reporting.collect.drain-timeout=60s"})
public @interface ReportingTest {
}
