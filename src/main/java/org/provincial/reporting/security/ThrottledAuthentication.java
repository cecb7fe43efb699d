package org.provincial.reporting.security;

import java.time.Duration;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a name and password (form sign-in and HTTP Basic) unless {@link LoginThrottle} has locked the account or
 * the address; counts and audits every wrong password ({@code login.failure}, the typed name as actor).
 */
final class ThrottledAuthentication implements AuthenticationProvider {

    /** Longest typed name kept in the audit log. */
    private static final int MAX_AUDITED_NAME = 64;

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final MessageSourceAccessor texts;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle, AuditLog audit,
            MessageSourceAccessor texts) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.texts = texts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : texts.getMessage("audit.address.unknown");
        Duration wait = throttle.lockedFor(name, address);
        if (!wait.isZero()) {
            throw new LoginLockedException(wait, texts);
        }
        try {
            Authentication authenticated = passwords.authenticate(authentication);
            throttle.succeeded(name);
            return authenticated;
        }
        catch (BadCredentialsException e) {
            Duration locked = throttle.failed(name, address);
            audit.record(name.length() > MAX_AUDITED_NAME ? name.substring(0, MAX_AUDITED_NAME) + "…" : name,
                    "login.failure", locked.isZero() ? texts.getMessage("audit.login.failure", new Object[] { address })
                            : texts.getMessage("audit.login.failure.locked",
                                    new Object[] { address, LoginLockedException.seconds(locked) }));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
