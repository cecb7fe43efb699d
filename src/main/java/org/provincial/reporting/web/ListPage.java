package org.provincial.reporting.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a long list (runs, submissions, audit log): its rows, its 1-based number out of how many, the number
 * of rows in all, and links to the previous and next page (null at either end) that keep the request's filters.
 */
record ListPage<T>(List<T> rows, int number, long pages, long total, String previous, String next) {

    /** The API's header with the number of rows in all, so that its JSON stays the array of one page. */
    static final String TOTAL_COUNT = "X-Total-Count";

    /** Reads a page of rows, at most {@code limit} from {@code offset} on, in a stable order. */
    @FunctionalInterface
    interface Rows<T> {
        List<T> read(long offset, int limit);
    }

    /** The offset of the 1-based page; pages before the first count as the first. */
    static long offset(int page, int size) {
        return (long) (Math.max(1, page) - 1) * size;
    }

    /** The page asked for of the request's list, moved into the pages there are (an empty list has page 1). */
    static <T> ListPage<T> of(HttpServletRequest request, int requested, int size, long total, Rows<T> rows) {
        long pages = Math.max(1, (total + size - 1) / size);
        int number = (int) Math.min(Math.max(1, requested), pages);
        return new ListPage<>(rows.read(offset(number, size), size), number, pages, total,
                number > 1 ? link(request, number - 1) : null, number < pages ? link(request, number + 1) : null);
    }

    private static String link(HttpServletRequest request, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (!parameter.getKey().equals("page")) {
                link.queryParam(parameter.getKey(), (Object[]) parameter.getValue());
            }
        }
        return link.queryParam("page", page).build().encode().toUriString();
    }
}
