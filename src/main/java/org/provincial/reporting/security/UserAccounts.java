package org.provincial.reporting.security;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users in table {@code app_user}, with BCrypt hashes of their passwords; managed by {@code user …}. */
@Service
public class UserAccounts {

    /** Passwords shorter than this are refused. */
    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final MessageSourceAccessor texts;

    UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, AuditLog audit, MessageSourceAccessor texts) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.texts = texts;
    }

    /**
     * Adds the user, or gives an existing one the new password and role; returns true when the user is new.
     *
     * @throws IllegalArgumentException for an unusable name or a weak password
     */
    @Transactional
    public boolean save(String name, Role role, String password, String actor) {
        check(name, password);
        boolean created = jdbc.queryForObject("""
                insert into app_user (name, password_hash, role) values (?, ?, ?)
                on conflict (name) do update set password_hash = excluded.password_hash, role = excluded.role,
                                                 updated_at = now()
                returning xmax = 0""", Boolean.class, name, encoder.encode(password), role.label());
        audit.record(actor, created ? "user.add" : "user.update", detail(name, role));
        return created;
    }

    /**
     * Adds a new user; returns false, changing nothing, when the name is taken.
     *
     * @throws IllegalArgumentException for an unusable name or a weak password
     */
    @Transactional
    public boolean add(String name, Role role, String password, String actor) {
        check(name, password);
        boolean added = jdbc.update("""
                insert into app_user (name, password_hash, role) values (?, ?, ?) on conflict (name) do nothing""",
                name, encoder.encode(password), role.label()) > 0;
        if (added) {
            audit.record(actor, "user.add", detail(name, role));
        }
        return added;
    }

    /**
     * Gives the user another role; returns false when there is no such user.
     *
     * @throws IllegalStateException when the user is the last admin and would no longer be one
     */
    @Transactional
    public boolean changeRole(String name, Role role, String actor) {
        List<String> admins = lockAdmins();
        Optional<Role> current = jdbc.query("select role from app_user where name = ?",
                (rs, i) -> Role.of(rs.getString(1)), name).stream().findFirst();
        if (current.isEmpty() || current.get() == role) {
            return current.isPresent();
        }
        if (role != Role.ADMIN) {
            refuseTheLastAdmin(admins, name);
        }
        jdbc.update("update app_user set role = ?, updated_at = now() where name = ?", role.label(), name);
        audit.record(actor, "user.role", texts.getMessage("audit.user.role",
                new Object[] { name, roleName(current.get()), roleName(role) }));
        return true;
    }

    /**
     * Gives the user a new password; returns false when there is no such user.
     *
     * @throws IllegalArgumentException for a weak password
     */
    @Transactional
    public boolean changePassword(String name, String password, String actor) {
        check(name, password);
        boolean changed = jdbc.update("update app_user set password_hash = ?, updated_at = now() where name = ?",
                encoder.encode(password), name) > 0;
        if (changed) {
            audit.record(actor, "user.password", name);
        }
        return changed;
    }

    /**
     * The user changes their own password, proving it with the current one.
     *
     * @throws IllegalArgumentException for a wrong current password or a weak new one
     */
    @Transactional
    public void changeOwnPassword(String name, String current, String password) {
        boolean proven = credentials(name).map(stored -> encoder.matches(current, stored.passwordHash())).orElse(false);
        if (!proven) {
            throw new IllegalArgumentException(texts.getMessage("account.password.wrong"));
        }
        changePassword(name, password, name);
    }

    /**
     * Removes the user like {@link #remove}, but never the last admin, so that someone can still manage the users
     * in the web application ({@code user remove} on the command line may remove anyone).
     *
     * @throws IllegalStateException when the user is the last admin
     */
    @Transactional
    public boolean removeUnlessLastAdmin(String name, String actor) {
        refuseTheLastAdmin(lockAdmins(), name);
        return remove(name, actor);
    }

    /**
     * The admins, their rows locked in one order until the transaction ends: two admins taking each other's role
     * at the same time cannot both see the other one still an admin.
     */
    private List<String> lockAdmins() {
        return jdbc.queryForList("select name from app_user where role = ? order by name for update", String.class,
                Role.ADMIN.label());
    }

    private void refuseTheLastAdmin(List<String> admins, String name) {
        if (admins.equals(List.of(name))) {
            throw new IllegalStateException(texts.getMessage("user.last-admin", new Object[] { name }));
        }
    }

    /**
     * @throws IllegalArgumentException in Chinese for an unusable name or a weak password (see {@link PasswordPolicy})
     */
    public static void check(String name, String password, MessageSourceAccessor texts) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(texts.getMessage("user.name.invalid", new Object[] { name }));
        }
        PasswordPolicy.check(name, password, texts);
    }

    private void check(String name, String password) {
        check(name, password, texts);
    }

    /** Removes the user; returns false when there is no such user. */
    @Transactional
    public boolean remove(String name, String actor) {
        boolean removed = jdbc.update("delete from app_user where name = ?", name) > 0;
        if (removed) {
            audit.record(actor, "user.remove", name);
        }
        return removed;
    }

    /** The audit log's detail of a user with a role: {@code 用户 wang（管理员）}. */
    private String detail(String name, Role role) {
        return texts.getMessage("audit.user", new Object[] { name, roleName(role) });
    }

    /** The role in Chinese, as the pages name it. */
    private String roleName(Role role) {
        return texts.getMessage("role." + role.label());
    }

    public List<UserAccount> list() {
        return jdbc.query("select name, role, created_at, updated_at from app_user order by name",
                (rs, i) -> new UserAccount(rs.getString(1), Role.of(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class)));
    }

    /** The user's password hash and role, to sign in. */
    Optional<Credentials> credentials(String name) {
        return jdbc.query("select password_hash, role from app_user where name = ?",
                (rs, i) -> new Credentials(rs.getString(1), Role.of(rs.getString(2))), name).stream().findFirst();
    }

    /** A stored password hash and the role that goes with it. */
    record Credentials(String passwordHash, Role role) {
    }
}
