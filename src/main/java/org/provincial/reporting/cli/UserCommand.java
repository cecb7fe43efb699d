package org.provincial.reporting.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.provincial.reporting.reference.Texts;
import org.provincial.reporting.security.Role;
import org.provincial.reporting.security.UserAccount;
import org.provincial.reporting.security.UserAccounts;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code user add|list|remove}: the users of {@code serve}, with BCrypt hashes in the database. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the users of serve: add (or change), list, remove.",
        subcommands = { UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class })
class UserCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing the subcommand: add, list or remove");
    }

    /** Who the audit log names for changes made on the command line. */
    static String actor() {
        return System.getProperty("user.name", "?") + "（命令行）";
    }

    /** {@code user add NAME --role admin|staff}: adds the user, or changes an existing one's password and role. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user, or give an existing one a new password and role. The password comes from the "
                    + "environment variable named by --password-env, else from standard input.")
    static class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "User name")
        String name;

        @Option(names = "--role", required = true, paramLabel = "admin|staff",
                description = "staff reads and downloads; admin also launches, restarts and stops runs")
        String role;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Read the password from this environment variable (default: from standard input)")
        String passwordEnv;

        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            Role parsedRole;
            try {
                parsedRole = Role.of(role);
            }
            catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--role must be admin or staff, not " + role);
            }
            String password = password();
            try {
                UserAccounts.check(name, password, Texts.fromBundle());
            }
            catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
                boolean created = context.getBean(UserAccounts.class).save(name, parsedRole, password, actor());
                spec.commandLine().getOut().printf("%s user %s (%s)%n", created ? "Added" : "Changed", name,
                        parsedRole.label());
                spec.commandLine().getOut().flush();
                return 0;
            }
        }

        private String password() {
            if (passwordEnv != null) {
                String value = System.getenv(passwordEnv);
                if (value == null) {
                    throw new ParameterException(spec.commandLine(),
                            "The environment variable " + passwordEnv + " given by --password-env is not set");
                }
                return value;
            }
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("Password for %s: ", name);
                return typed == null ? null : new String(typed);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new ParameterException(spec.commandLine(),
                            "No password: give it on standard input or name a variable with --password-env");
                }
                return line;
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the password from standard input", e);
            }
        }
    }

    /** {@code user list}: one line per user. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their roles.")
    static class ListUsers implements Callable<Integer> {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @Spec
        CommandSpec spec;

        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-24s %-6s %-19s %s%n", "name", "role", "created", "changed");
                for (UserAccount user : context.getBean(UserAccounts.class).list()) {
                    out.printf("%-24s %-6s %-19s %s%n", user.name(), user.role().label(), TIME.format(user.created()),
                            TIME.format(user.updated()));
                }
                out.flush();
                return 0;
            }
        }
    }

    /** {@code user remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
    static class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "User name")
        String name;

        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = ApplicationContexts.start(storage.properties())) {
                if (!context.getBean(UserAccounts.class).remove(name, actor())) {
                    spec.commandLine().getErr().println("There is no user " + name);
                    return 1;
                }
                spec.commandLine().getOut().println("Removed user " + name);
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
