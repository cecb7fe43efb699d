package org.provincial.reporting.collect;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionCollectorRouteIdTests {

    @Test
    void namesTheProvinceTheSchemeAndTheHostButNeverTheLogin() {
        String id = SubmissionCollector.routeId("440000",
                SourceLocation.parse("ftp://collector:s3cret@127.0.0.1:2121/in"), new HashSet<>());

        assertThat(id).isEqualTo("collect-440000-ftp-127.0.0.1");
    }

    @Test
    void namesALocalDirectoryByItsSchemeAlone() {
        String id = SubmissionCollector.routeId("440000", SourceLocation.parse("/srv/incoming"), new HashSet<>());

        assertThat(id).isEqualTo("collect-440000-file");
    }

    @Test
    void addsThePortThenTheDirectoryThenACountWhenAnEarlierSourceTookTheId() {
        Set<String> taken = new HashSet<>();
        List<String> ids = List.of("sftp://a:x@host:22/in", "sftp://a:x@host:2222/in", "sftp://a:x@host:2222/out",
                        "sftp://b:y@host:2222/out", "/srv/one", "/srv/two")
                .stream().map(source -> SubmissionCollector.routeId("440000", SourceLocation.parse(source), taken))
                .toList();

        assertThat(ids).containsExactly("collect-440000-sftp-host", "collect-440000-sftp-host-2222",
                "collect-440000-sftp-host-2222-out", "collect-440000-sftp-host-2222-out-2", "collect-440000-file",
                "collect-440000-file-/srv/two");
        assertThat(taken).containsExactlyInAnyOrderElementsOf(ids);
    }
}
