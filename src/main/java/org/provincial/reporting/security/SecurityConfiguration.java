package org.provincial.reporting.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Who may do what: users from {@code app_user} with BCrypt hashes; {@code staff} reads and downloads, {@code admin}
 * also launches, restarts and stops runs and manages the users ({@code /admin/**}). The API speaks HTTP Basic
 * without sessions (so no CSRF token is needed and no browser cookie can act on it); the pages use a login form, a
 * session and CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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

        @Bean
        @Order(1)
        SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
            return http.securityMatcher("/api/**", "/actuator/**")
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/**").hasRole("STAFF")
                            .requestMatchers("/api/**").hasRole("ADMIN")
                            .anyRequest().hasRole("STAFF"))
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .securityContext(context -> context
                            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .requestCache(cache -> cache.disable())
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                            .requestMatchers(HttpMethod.POST, "/runs", "/runs/*/restart", "/runs/*/stop")
                            .hasRole("ADMIN")
                            .requestMatchers("/admin/**").hasRole("ADMIN")
                            .anyRequest().hasRole("STAFF"))
                    .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                    .build();
        }
    }
}
