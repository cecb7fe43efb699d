package org.provincial.reporting.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a fresh home with its own embedded PostgreSQL. Test classes with the same
 * configuration share one context, and so one database: give each test its own submitters or periods.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "reporting.home=target/test-homes/${random.uuid}")
public @interface ReportingTest {
}
