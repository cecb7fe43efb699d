package org.provincial.reporting.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may do what: users from {@code app_user} with BCrypt hashes; {@code staff} reads and downloads, {@code admin}
 * also launches, restarts and stops runs and manages the users ({@code /admin/**}). The API takes personal tokens
 * ({@link BearerTokenFilter}) or HTTP Basic, without sessions, and refuses what another site could make a browser send ({@link ApiRequestGuard}); the pages use
 * a login form, a session re-checked against the account on every request ({@link CurrentAccountFilter}) and CSRF
 * tokens. Wrong passwords are throttled and audited ({@link ThrottledAuthentication}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** No inline script or style anywhere: a value that slipped into a page cannot run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Defined in every context, so that Spring Boot never makes up a default user with a generated password. */
    @Bean
    UserDetailsService userDetailsService(UserAccounts accounts) {
        return name -> accounts.credentials(name)
                .map(credentials -> User.withUsername(name).password(credentials.passwordHash())
                        .roles(credentials.role().grantedRoles().toArray(String[]::new)).build())
                .orElseThrow(() -> new UsernameNotFoundException("No user " + name));
    }

    /** The filter chains of {@code serve}: only in a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class WebSecurity {

        /** Names and passwords, throttled; the only way to sign in with a password, pages and API alike. */
        @Bean
        AuthenticationManager passwordAuthentication(UserDetailsService users, PasswordEncoder encoder,
                LoginThrottle throttle, AuditLog audit, MessageSourceAccessor texts) {
            DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
            passwords.setPasswordEncoder(encoder);
            return new ProviderManager(new ThrottledAuthentication(passwords, throttle, audit, texts));
        }

        @Bean
        @Order(1)
        SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager passwordAuthentication,
                ApiTokens tokens, AccountSessions accounts, Problems problems, MessageSourceAccessor texts)
                throws Exception {
            ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(problems, texts);
            return http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/v3/api-docs")
                    .authenticationManager(passwordAuthentication)
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs/**", "/v3/api-docs").hasRole("STAFF")
                            .requestMatchers("/api/**").hasRole("ADMIN")
                            .anyRequest().hasRole("STAFF"))
                    .addFilterBefore(new ApiRequestGuard(problems, texts), BasicAuthenticationFilter.class)
                    .addFilterBefore(new BearerTokenFilter(tokens, accounts, entryPoint, texts),
                            BasicAuthenticationFilter.class)
                    .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                            .accessDeniedHandler((request, response, denied) -> problems.send(request, response,
                                    HttpStatus.FORBIDDEN, texts.getMessage("api.forbidden"))))
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .securityContext(context -> context
                            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .requestCache(cache -> cache.disable())
                    .headers(WebSecurity::hardened)
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain pageSecurity(HttpSecurity http, AuthenticationManager passwordAuthentication,
                AccountSessions sessions) throws Exception {
            SavedRequestAwareAuthenticationSuccessHandler backToThePage = new SavedRequestAwareAuthenticationSuccessHandler();
            backToThePage.setDefaultTargetUrl("/");
            LoginUrlAuthenticationEntryPoint toTheLoginPage = new LoginUrlAuthenticationEntryPoint("/login");
            toTheLoginPage.setFavorRelativeUris(true);
            return http
                    .authenticationManager(passwordAuthentication)
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                            .requestMatchers(HttpMethod.POST, "/runs", "/runs/*/restart", "/runs/*/stop",
                                    "/runs/*/upload-feedback", "/runs/*/publish", "/figures/publish")
                            .hasRole("ADMIN")
                            .requestMatchers("/admin/**").hasRole("ADMIN")
                            .anyRequest().hasRole("STAFF"))
                    .addFilterBefore(new CurrentAccountFilter(sessions), AuthorizationFilter.class)
                    .formLogin(form -> form.loginPage("/login").permitAll()
                            .successHandler((request, response, authentication) -> {
                                sessions.remember(request.getSession(), authentication.getName());
                                backToThePage.onAuthenticationSuccess(request, response, authentication);
                            })
                            .failureHandler((request, response, failure) -> response.sendRedirect(
                                    request.getContextPath() + (failure instanceof LoginLockedException locked
                                            ? "/login?locked=" + locked.seconds() : "/login?error"))))
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(toTheLoginPage))
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                    .headers(WebSecurity::hardened)
                    .build();
        }

        private static void hardened(HeadersConfigurer<HttpSecurity> headers) {
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
        }
    }
}
