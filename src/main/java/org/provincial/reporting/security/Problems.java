package org.provincial.reporting.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * RFC 9457 problem details written by the security filters (before any controller runs), titled in Chinese like
 * those of the API's controllers.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "请求有误"), Map.entry(401, "需要登录"), Map.entry(403, "无权操作"), Map.entry(404, "未找到"),
            Map.entry(405, "不支持此请求方法"), Map.entry(406, "无法提供所要求的格式"), Map.entry(409, "现在无法执行"),
            Map.entry(413, "请求太大"), Map.entry(415, "请求格式不对"), Map.entry(429, "请求过于频繁"),
            Map.entry(500, "服务器内部错误"), Map.entry(503, "服务暂不可用"));

    private Problems() {
    }

    /** The Chinese title of an HTTP status. */
    public static String title(int status) {
        return TITLES.getOrDefault(status, status >= 500 ? "服务器内部错误" : "请求有误");
    }

    static void send(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status.value()));
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
