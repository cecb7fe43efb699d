package org.provincial.reporting.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a fresh home with its own embedded PostgreSQL, and the collection timings of the profile
 * {@code test} (application-test.properties), short enough for tests. Every test class shares this one context, and
 * so one database: give each test its own submitters or periods.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "reporting.home=target/test-homes/${random.uuid}")
@ActiveProfiles("test")
public @interface ReportingTest {
}
