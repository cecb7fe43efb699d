package org.provincial.reporting.security;

import java.util.List;
import java.util.Locale;

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

    /** @throws IllegalArgumentException for anything but admin or staff */
    public static Role of(String label) {
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("角色须为 admin（管理员）或 staff（工作人员），而不是“" + label + "”");
    }
}
