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

    @Test
    void asksBeforeAcceptingAKeyAndSaysInChineseWhyAServersKeyCannotBeRead() throws Exception {
        WebFixture.prepare(accounts);
        int closed = ApiTests.closedPort();

        mvc.perform(get("/sources").with(PagesTests.admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-confirm=\"确定接受所填主机当前的主机密钥？"
                        + "请先向服务器管理员核对指纹；已登记的该主机密钥将被替换。\"")));
        mvc.perform(post("/admin/sources/trust").with(PagesTests.admin()).with(csrf())
                .param("host", "127.0.0.1").param("port", Integer.toString(closed)))
                .andExpect(redirectedUrl("/sources"))
                .andExpect(flash().attribute("error", "无法读取 127.0.0.1:" + closed + " 的主机密钥：连接被拒绝："
                        + "服务器没有在这个端口上接受连接，请确认服务器已启动、地址和端口正确"));
    }
}
