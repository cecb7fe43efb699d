package org.provincial.reporting.schedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.jobs.JobDefinitions;
import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.reference.Texts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which runs {@link RunLauncher} refuses before starting anything. */
class RunLauncherTests {

    final PipelineRunner runner = mock(PipelineRunner.class);
    final JobDefinitions jobs = mock(JobDefinitions.class);

    @Test
    void refusesAProvinceWithoutAJobWhenServeHasNoSourceInChinese() {
        when(jobs.forProvince("110000")).thenReturn(Optional.empty());
        RunLauncher launcher = new RunLauncher(runner, null, jobs, new ServeProperties(true, List.of(), Path.of("out")),
                null, Texts.fromBundle());

        assertThatThrownBy(() -> launcher.launch("110000", "2025-01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("省份 110000 没有配置数据来源：请在 jobs/ 中为它添加任务，或以 serve --source 启动");
        assertThatThrownBy(() -> launcher.launch("110000", "2025-13")).hasMessage("月份须为 2025-01 这样的年月，而不是“2025-13”");
        verify(runner, never()).start(anyString(), anyString(), anyList(), any(), anyDouble());
    }
}
