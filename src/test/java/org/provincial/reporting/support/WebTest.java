package org.provincial.reporting.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application as {@code serve} runs it — servlet web server on a random port, security, Actuator — on a
 * fresh home, with MockMvc for requests without a browser. Every web test class shares this one context (and so one
 * database): give each test its own province or period. Runs collect from {@link WebFixture#SOURCE}; jobs/ holds
 * 宁夏 (640000) only, without a schedule; schedules and start-up recovery are off. Collection timings are those of
 * the profile {@code test} (application-test.properties).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet",
        "reporting.home=target/test-homes/${random.uuid}",
        "reporting.jobs=classpath:web-test-jobs/*.yaml",
        "reporting.serve.sources[0]=" + WebFixture.SOURCE})
@ActiveProfiles("test")
@AutoConfigureMockMvc
public @interface WebTest {
}
