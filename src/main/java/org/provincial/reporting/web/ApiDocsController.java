package org.provincial.reporting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The page {@code /api-docs}: the API's OpenAPI description (springdoc), as a table of operations and whole. */
@Controller
class ApiDocsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Springdoc's endpoint: there in {@code serve} only, not in the command line's context. */
    private final ObjectProvider<OpenApiWebMvcResource> openApi;

    ApiDocsController(ObjectProvider<OpenApiWebMvcResource> openApi) {
        this.openApi = openApi;
    }

    @GetMapping("/api-docs")
    String apiDocs(HttpServletRequest request, Model model) throws Exception {
        JsonNode description = JSON.readTree(openApi.getObject().openapiJson(request, "/v3/api-docs", Locale.SIMPLIFIED_CHINESE));
        List<Map<String, String>> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : description.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(Map.of("method", operation.getKey().toUpperCase(Locale.ROOT), "path", path.getKey(),
                        "parameters", String.join("、", operation.getValue().path("parameters").findValuesAsString("name"))));
            }
        }
        model.addAttribute("operations", operations);
        model.addAttribute("description", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description));
        return "api-docs";
    }
}
