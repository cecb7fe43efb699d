package org.provincial.reporting.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application as {@code serve} runs it — servlet web server on a random port, security, Actuator — on a
 * fresh home, with MockMvc for requests without a browser. Every web test class shares this one context (and so one
 * database): give each test its own province or period. Runs collect from {@link WebFixture#SOURCE}; jobs/ holds
 * 宁夏 (640000) only, without a schedule; schedules and start-up recovery are off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet",
        "reporting.home=target/test-homes/${random.uuid}",
        "reporting.jobs=classpath:web-test-jobs/*.yaml",
        "reporting.serve.sources[0]=" + WebFixture.SOURCE,
        "reporting.collect.stable-after=250ms",
        "reporting.collect.changing-wait=5s",
        "reporting.collect.reconnect-attempts=2",
        "reporting.collect.reconnect-delay=200ms",
        "reporting.collect.connect-timeout=2s",
        "reporting.collect.poll-delay=200ms",
        "reporting.collect.drain-timeout=60s"})
@AutoConfigureMockMvc
public @interface WebTest {
}
