package org.provincial.reporting.web;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provincial.reporting.security.UserAccounts;
import org.provincial.reporting.support.WebFixture;
import org.provincial.reporting.support.WebTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every error of the API is an RFC 9457 problem detail with a Chinese title and detail, never an internal message. */
@WebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiProblemsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @BeforeAll
    void addUsers() {
        WebFixture.prepare(accounts);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"province\":"),
                        400, "请求内容不是有效的 JSON，或字段的值格式不对"),
                Arguments.of(multipart("/api/runs").file(new MockMultipartFile("file", "a.xlsx", null, new byte[] { 1 })),
                        415, "修改数据的接口请求须以 JSON 发送（Content-Type: application/json），收到的是：multipart/form-data"),
                Arguments.of(get("/api/runs?period=2025-13"), 400, "月份须为 2025-01 这样的年月，而不是“2025-13”"),
                Arguments.of(get("/api/submissions?period=2025-13"), 400, "月份须为 2025-01 这样的年月，而不是“2025-13”"),
                Arguments.of(get("/api/checks/640000/2025-13"), 400, "月份须为 2025-01 这样的年月，而不是“2025-13”"),
                Arguments.of(get("/api/runs/abc"), 400, "参数 id 的值“abc”格式不对：须为数字"),
                Arguments.of(get("/api/runs/987654"), 404, "没有运行 987654"),
                Arguments.of(get("/api/workbooks/640000/2023-12"), 404, "还没有 640000 2023-12 的汇总表：这个月还没有完成的运行"),
                Arguments.of(get("/api/feedback/640104/2023-12"), 404, "还没有报送单位 640104 2023-12 的反馈文件"),
                Arguments.of(get("/api/no-such-thing"), 404, "没有这个接口：GET /api/no-such-thing"),
                Arguments.of(post("/api/runs/987654/restart").contentType(MediaType.APPLICATION_JSON), 404,
                        "没有运行 987654"),
                Arguments.of(post("/api/runs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"province\":\"640100\",\"period\":\"2024-01\"}"), 400,
                        "省份须为 GB/T 2260 的省级代码（如 440000），而不是“640100”"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("errors")
    void answersEachErrorWithAChineseProblemDetail(AbstractMockHttpServletRequestBuilder<?> request, int status,
            String detail) throws Exception {
        mvc.perform(request.with(ApiTests.admin()))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").value(matchesPattern(".*\\p{IsHan}.*")))
                .andExpect(jsonPath("$.detail").value(detail));
    }

    @Test
    void answersForbiddenAdminActionsWithAChineseProblemDetail() throws Exception {
        mvc.perform(post("/api/runs/1/stop").with(ApiTests.staff()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("无权操作"))
                .andExpect(jsonPath("$.detail").value("无权执行此操作：启动、重新运行和停止运行需要管理员角色"));
    }

    @Test
    void describesTheApiInOpenApiForScriptsAndOnAPage() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
        mvc.perform(get("/v3/api-docs").with(ApiTests.staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").value(org.hamcrest.Matchers.startsWith("3.")))
                .andExpect(jsonPath("$.paths['/api/runs'].post").exists())
                .andExpect(jsonPath("$.paths['/api/runs/{id}/restart'].post").exists())
                .andExpect(jsonPath("$.paths['/api/submissions'].get").exists());
        mvc.perform(get("/api-docs").with(PagesTests.staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("接口说明"),
                        org.hamcrest.Matchers.containsString("/api/runs/{id}/restart"),
                        org.hamcrest.Matchers.containsString("/api/workbooks/{province}/{period}"))));
    }
}
