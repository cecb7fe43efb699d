package org.provincial.reporting.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.provincial.reporting.reference.Texts;

/** What a user may do: {@code staff} reads and downloads, {@code admin} also launches, restarts and stops runs. */
public enum Role {

    STAFF, ADMIN;

    /** The name used in the database and on the command line: {@code staff} or {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Spring Security's roles of a user with this role: an admin is staff too. */
    List<String> grantedRoles() {
        return this == ADMIN ? List.of("ADMIN", "STAFF") : List.of("STAFF");
    }

    /** The role named admin or staff (any case, blanks around); empty for anything else. */
    public static Optional<Role> find(String label) {
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * The role as stored or typed on the command line.
     *
     * @throws IllegalArgumentException for anything but admin or staff, saying why in Chinese ({@code user.role.invalid})
     */
    public static Role of(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException(
                Texts.fromBundle().getMessage("user.role.invalid", new Object[] { label })));
    }
}
