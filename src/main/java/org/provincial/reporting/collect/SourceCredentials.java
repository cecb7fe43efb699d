package org.provincial.reporting.collect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.provincial.reporting.collect.SourceLocation;

import org.springframework.stereotype.Component;

/**
 * Job parameters hold sources in their masked form only, so passwords never reach the database. This keeps the
 * real locations of this process, by masked form, for the collection step to use.
 */
@Component
public class SourceCredentials {

    private final Map<String, SourceLocation> byMasked = new ConcurrentHashMap<>();

    public void remember(List<SourceLocation> sources) {
        sources.forEach(source -> byMasked.put(source.masked(), source));
    }

    public SourceLocation resolve(String masked) {
        SourceLocation source = byMasked.get(masked);
        if (source != null) {
            return source;
        }
        if (!masked.contains("***")) {
            return SourceLocation.parse(masked);
        }
        throw new IllegalStateException("本进程不知道 " + masked + " 的密码：请用 --source 再给出这个来源，"
                + "或在 jobs/ 中配置它");
    }
}
