package org.provincial.reporting.web;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The retention page: the setting, each purge with its annotated copies, and the copies a purge could not delete. */
@WebTest
class RetentionPageTests {

    static final String COPY = "620102/feedback/620102-2012-02-620102_visits_2012-02-批注.xlsx";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserAccounts accounts;

    @Test
    void showsEachPurgeAndTheAnnotatedCopiesStillToDelete() throws Exception {
        // the staff user exists when this class runs first in its context, too
        WebFixture.prepare(accounts);
        // a purged submission of 甘肃 (a province no other web test uses) whose copy on its FTP server was unreachable
        long submission = jdbc.queryForObject("""
                insert into submission (receipt_key, source, remote_path, submitter, province, file_name, dataset,
                                        period, version, format, size_bytes, sha256, archive_path, received_at,
                                        status, purged_at)
                values ('retention-page', 'ftp://collector:***@ftp.example:21/', '620102/620102_visits_2012-02.xlsx',
                        '620102', '620000', '620102_visits_2012-02.xlsx', 'visits', '2012-02', 1, 'xlsx', 4096,
                        repeat('a', 64), 'archive/aa/aa/' || repeat('a', 64), now(), 'ACCEPTED', now())
                returning id""", Long.class);
        jdbc.update("""
                insert into annotated_copy (submission_id, kind, source, path, attempted_at, failure)
                values (?, 'remote', 'ftp://collector:***@ftp.example:21/', ?, now(), '连接被拒绝：服务器没有在这个端口上接受连接，请确认服务器已启动、地址和端口正确')""",
                submission, COPY);
        jdbc.update("""
                insert into retention_purge (province, period, retention_months, submissions, staged_rows,
                                             deduplicated_rows, conflicts, files, bytes, annotated_copies)
                values ('620000', '2012-02', 12, 1, 3, 0, 0, 1, 4096, 4)""");

        mvc.perform(get("/retention").with(PagesTests.staff())).andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("未设置保留期限（REPORTING_RETENTION_MONTHS=0）"),
                        containsString("待删除的批注副本"),
                        containsString("<td>ftp://collector:***@ftp.example:21/" + COPY + "</td>"),
                        containsString("<td>连接被拒绝：服务器没有在这个端口上接受连接，请确认服务器已启动、地址和端口正确</td>"),
                        containsString("<td>2012-02</td>"),
                        containsString("<td>1（4096 字节）</td>"),
                        containsString("<td>4</td>"))));
    }
}
