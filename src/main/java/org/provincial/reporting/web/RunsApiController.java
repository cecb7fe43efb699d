package org.provincial.reporting.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.provincial.reporting.pipeline.RunHistory;
import org.provincial.reporting.reference.DisplayZone;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/runs}: list runs; admins launch, restart and stop them (each answered 202, the run goes on). */
@RestController
@RequestMapping("/api/runs")
class RunsApiController {

    private static final int DEFAULT_SIZE = 100;
    private static final int MAX_SIZE = 500;

    private final RunHistory history;
    private final AdminActions actions;
    private final DisplayZone zone;
    private final MessageSourceAccessor texts;

    RunsApiController(RunHistory history, AdminActions actions, DisplayZone zone, MessageSourceAccessor texts) {
        this.history = history;
        this.actions = actions;
        this.zone = zone;
        this.texts = texts;
    }

    /** Newest first, a page at a time ({@code page} from 1, {@code size}); how many match in {@code X-Total-Count}. */
    @GetMapping
    ResponseEntity<List<RunJson>> runs(@RequestParam(required = false) String province,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        String shownProvince = blankToNull(province);
        String shownPeriod = Periods.checked(blankToNull(period), texts);
        int limit = Math.max(1, Math.min(size, MAX_SIZE));
        return ResponseEntity.ok()
                .header(ListPage.TOTAL_COUNT, String.valueOf(history.countRuns(shownProvince, shownPeriod)))
                .body(history.runs(shownProvince, shownPeriod, ListPage.offset(page, limit), limit).stream()
                        .map(run -> RunJson.of(run, zone)).toList());
    }

    @GetMapping("/{id}")
    RunJson run(@PathVariable long id) {
        return RunJson.of(actions.find(id), zone);
    }

    @PostMapping
    ResponseEntity<Launched> launch(@RequestBody LaunchRequest request, Principal principal) {
        long id = actions.launch(principal.getName(), request.province(), request.period());
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + id)).body(new Launched(id));
    }

    @PostMapping("/{id}/restart")
    ResponseEntity<Launched> restart(@PathVariable long id, Principal principal) {
        long resumed = actions.restart(principal.getName(), id);
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + resumed)).body(new Launched(resumed));
    }

    @PostMapping("/{id}/stop")
    ResponseEntity<Launched> stop(@PathVariable long id, Principal principal) {
        actions.stop(principal.getName(), id);
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + id)).body(new Launched(id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
