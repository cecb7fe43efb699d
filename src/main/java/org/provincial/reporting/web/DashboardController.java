package org.provincial.reporting.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.provincial.reporting.pipeline.PipelineRunner;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.security.AuditLog;
import org.provincial.reporting.web.Completeness.Block;
import org.provincial.reporting.web.Completeness.State;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard: completeness of the province's cities and counties for a period, its latest runs and actions. */
@Controller
class DashboardController {

    private final Selections selections;
    private final SubmissionQueries submissions;
    private final PipelineRunner runner;
    private final RegionReference regions;
    private final Downloads downloads;
    private final AuditLog audit;

    DashboardController(Selections selections, SubmissionQueries submissions, PipelineRunner runner,
            RegionReference regions, Downloads downloads, AuditLog audit) {
        this.selections = selections;
        this.submissions = submissions;
        this.runner = runner;
        this.regions = regions;
        this.downloads = downloads;
        this.audit = audit;
    }

    @GetMapping("/")
    String dashboard(@RequestParam(required = false) String province, @RequestParam(required = false) String period,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        String shownProvince = selections.province(province);
        String shownPeriod = selections.period(shownProvince, period);
        List<Block> blocks = submissions.completeness(shownProvince, shownPeriod);
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, blocks.stream().flatMap(b -> b.cells().stream()).filter(c -> c.state() == state).count());
        }
        model.addAttribute("province", shownProvince);
        model.addAttribute("provinceName", regions.get(shownProvince).name());
        model.addAttribute("period", shownPeriod);
        model.addAttribute("provinces", selections.provinces());
        model.addAttribute("periods", selections.periods(shownProvince, shownPeriod));
        model.addAttribute("blocks", blocks);
        model.addAttribute("counts", counts);
        model.addAttribute("datasets", DatasetMappings.DATASETS.size());
        model.addAttribute("runs", runner.runs(shownProvince, null, 10));
        model.addAttribute("workbook", downloads.workbook(shownProvince, shownPeriod).isPresent());
        model.addAttribute("audit", audit.recent(8));
        // the month or range of the figures panel (FiguresPanel); blank: the month shown
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "dashboard";
    }
}
