package org.provincial.reporting.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens (table {@code api_token}): 32 random bytes, shown once when made, kept as their SHA-256 only,
 * revocable by their owner; a script sends one as {@code Authorization: Bearer …} instead of a password, so that no
 * request pays for a BCrypt check.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "prt_";
    private static final int SHOWN_CHARACTERS = PREFIX.length() + 6;
    private static final int MAX_LABEL = 64;

    private final SecureRandom random = new SecureRandom();
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final MessageSourceAccessor texts;

    ApiTokens(JdbcTemplate jdbc, AuditLog audit, MessageSourceAccessor texts) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.texts = texts;
    }

    /**
     * Makes a token for the user and returns it: the only time it can be seen.
     *
     * @throws IllegalArgumentException for an empty or too long label
     */
    @Transactional
    public String create(String user, String label) {
        String name = label == null ? "" : label.strip();
        if (name.isEmpty() || name.length() > MAX_LABEL) {
            throw new IllegalArgumentException(
                    texts.getMessage("account.token.label", new Object[] { String.valueOf(MAX_LABEL) }));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("insert into api_token (user_name, label, token_hash, prefix) values (?, ?, ?, ?)",
                user, name, sha256(token), token.substring(0, SHOWN_CHARACTERS));
        audit.record(user, "token.create", name + "（" + token.substring(0, SHOWN_CHARACTERS) + "…）");
        return token;
    }

    /** The user's tokens, newest first. */
    public List<ApiToken> list(String user) {
        return jdbc.query("""
                select id, label, prefix, created_at, last_used_at from api_token where user_name = ?
                order by id desc""", (rs, i) -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)), user);
    }

    /** Revokes one of the user's tokens; returns false when the user has no such token. */
    @Transactional
    public boolean revoke(String user, long id) {
        List<String> revoked = jdbc.queryForList(
                "delete from api_token where id = ? and user_name = ? returning label || '（' || prefix || '…）'",
                String.class, id, user);
        revoked.forEach(label -> audit.record(user, "token.revoke", label));
        return !revoked.isEmpty();
    }

    /** The name of the token's owner; empty for a token that is unknown or revoked. Notes when it was last used. */
    Optional<String> owner(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // last use written at most once a minute, so that a busy script does not write on every request
        return jdbc.queryForList("""
                with found as (select id, user_name, last_used_at from api_token where token_hash = ?),
                     used as (update api_token set last_used_at = now() from found
                              where api_token.id = found.id
                                and (found.last_used_at is null or found.last_used_at < now() - interval '1 minute'))
                select user_name from found""", String.class, (Object) sha256(token)).stream().findFirst();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
