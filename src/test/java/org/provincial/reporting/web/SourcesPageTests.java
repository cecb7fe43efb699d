package org.provincial.reporting.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.LocalDaemon;
import org.provincial.reporting.support.OpenSshServer;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The sources page: the recorded SFTP host keys with their fingerprints; admins accept a server's key, audited. */
@WebTest
class SourcesPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Test
    void showsTheHostKeyAnAdminAcceptedWithItsFingerprintAndAuditsIt(@TempDir Path temp) throws Exception {
        WebFixture.prepare(accounts);
        Path root = LocalDaemon.accountDirectory("sources-page");
        try (OpenSshServer sshd = OpenSshServer.start(temp, root)) {
            String host = "[127.0.0.1]:" + sshd.port();

            mvc.perform(get("/sources").with(PagesTests.staff())).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("数据来源"), containsString(WebFixture.SOURCE),
                            containsString("known_hosts"), not(containsString(host)),
                            not(containsString("/admin/sources/trust")))));
            mvc.perform(post("/admin/sources/trust").with(PagesTests.staff()).with(csrf())
                    .param("host", "127.0.0.1").param("port", Integer.toString(sshd.port())))
                    .andExpect(status().isForbidden());

            mvc.perform(post("/admin/sources/trust").with(PagesTests.admin()).with(csrf())
                    .param("host", "127.0.0.1").param("port", Integer.toString(sshd.port())))
                    .andExpect(redirectedUrl("/sources"))
                    .andExpect(flash().attribute("notice", "已登记 " + host + " ssh-ed25519 " + sshd.fingerprint()));

            mvc.perform(get("/sources").with(PagesTests.staff())).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString(host), containsString("ssh-ed25519"),
                            containsString(sshd.fingerprint()))));
            mvc.perform(get("/audit").with(PagesTests.admin())).andExpect(content().string(allOf(
                    containsString("接受主机密钥"), containsString(host + " ssh-ed25519 " + sshd.fingerprint()))));
        }
        finally {
            LocalDaemon.delete(root);
        }
    }
}
