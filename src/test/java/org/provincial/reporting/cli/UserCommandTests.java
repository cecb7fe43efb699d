package org.provincial.reporting.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.cli.CommandLineFunctionalTests.Invocation;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code user add|list|remove} on a home of their own. */
@ExtendWith(OutputCaptureExtension.class)
class UserCommandTests {

    @Test
    void addsAUserWithThePasswordFromStandardInputListsAndRemovesIt(@TempDir Path temp, CapturedOutput output) {
        String home = temp.resolve("home").toString();

        Invocation added = withStandardInput("zhang-secret-1\n",
                () -> Invocation.of(output, "user", "add", "zhang.san", "--role", "admin", "--home", home));
        Invocation listed = Invocation.of(output, "user", "list", "--home", home);
        Invocation removed = Invocation.of(output, "user", "remove", "zhang.san", "--home", home);
        Invocation removedAgain = Invocation.of(output, "user", "remove", "zhang.san", "--home", home);

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).contains("Added user zhang.san (admin)");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out().lines()).anyMatch(line -> line.matches("^zhang\\.san\\s+admin\\s+\\d{4}-.*"));
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("Removed user zhang.san");
        assertThat(removedAgain.exitCode()).isEqualTo(1);
        assertThat(removedAgain.err()).contains("There is no user zhang.san");
        assertThat(output.getAll()).doesNotContain("zhang-secret-1");
    }

    @Test
    void refusesBadRolesMissingOrShortPasswordsWithoutStarting(@TempDir Path temp, CapturedOutput output) {
        Path home = temp.resolve("home");

        Invocation badRole = withStandardInput("long-enough-1\n", () -> Invocation.of(output,
                "user", "add", "li", "--role", "boss", "--home", home.toString()));
        Invocation missingVariable = Invocation.of(output, "user", "add", "li", "--role", "staff",
                "--password-env", "REPORTING_TEST_NO_SUCH_VARIABLE", "--home", home.toString());
        Invocation shortPassword = withStandardInput("short\n", () -> Invocation.of(output,
                "user", "add", "li", "--role", "staff", "--home", home.toString()));
        Invocation noPassword = withStandardInput("", () -> Invocation.of(output,
                "user", "add", "li", "--role", "staff", "--home", home.toString()));
        Invocation noSubcommand = Invocation.of(output, "user", "--home", home.toString());

        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err()).contains("--role must be admin or staff");
        assertThat(missingVariable.exitCode()).isEqualTo(2);
        assertThat(missingVariable.err()).contains("REPORTING_TEST_NO_SUCH_VARIABLE", "is not set");
        assertThat(shortPassword.exitCode()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("密码至少需要 12 个字符");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(home).doesNotExist();
    }

    private static Invocation withStandardInput(String text, java.util.function.Supplier<Invocation> invocation) {
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return invocation.get();
        }
        finally {
            System.setIn(previous);
        }
    }
}
