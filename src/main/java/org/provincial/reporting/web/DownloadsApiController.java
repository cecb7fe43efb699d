package org.provincial.reporting.web;

import java.util.NoSuchElementException;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/workbooks/…} and {@code /api/feedback/…}: the files of completed runs, 404 with why otherwise. */
@RestController
class DownloadsApiController {

    private final Downloads downloads;

    DownloadsApiController(Downloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/api/workbooks/{province:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> workbook(@PathVariable String province, @PathVariable String period) {
        return DownloadsController.file(downloads.workbook(province, period)
                .orElseThrow(() -> new NoSuchElementException("还没有 " + province + " " + period
                        + " 的汇总表：这个月还没有完成的运行")));
    }

    @GetMapping("/api/feedback/{submitter:\\d{6}}/{period:\\d{4}-\\d{2}}")
    ResponseEntity<Resource> feedback(@PathVariable String submitter, @PathVariable String period) {
        return DownloadsController.file(downloads.feedback(submitter, period)
                .orElseThrow(() -> new NoSuchElementException("还没有报送单位 " + submitter + " " + period
                        + " 的反馈文件")));
    }
}
