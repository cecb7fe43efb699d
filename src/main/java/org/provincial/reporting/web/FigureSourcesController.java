package org.provincial.reporting.web;

import java.time.YearMonth;
import java.util.List;

import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.report.ReportPeriod;
import org.provincial.reporting.reference.RegionReference;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The page behind a headline figure: the counted files of each submitter that make up a region's figure. */
@Controller
class FigureSourcesController {

    private final FigureSources sources;
    private final Selections selections;
    private final RegionReference regions;
    private final MessageSourceAccessor texts;

    FigureSourcesController(FigureSources sources, Selections selections, RegionReference regions,
            MessageSourceAccessor texts) {
        this.sources = sources;
        this.selections = selections;
        this.regions = regions;
        this.texts = texts;
    }

    @GetMapping("/figures/sources")
    String page(@RequestParam String province, @RequestParam String from, @RequestParam(required = false) String to,
            @RequestParam String measure, @RequestParam(required = false) String region, Model model) {
        String label = MeasureLabels.BY_KEY.get(measure);
        if (label == null || !regions.isProvince(province)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    texts.getMessage("figures.no-measure", new Object[] { province, measure }));
        }
        YearMonth[] bounds;
        try {
            bounds = ReportPeriod.bounds(from, to == null || to.isBlank() ? from : to);
        }
        catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        String shownRegion = region != null && regions.isWithin(region.strip(), province) ? region.strip() : province;
        String dataset = measure.substring(0, measure.indexOf('/'));
        List<FigureSources.File> files = sources.files(province, ReportPeriod.months(bounds[0], bounds[1]), dataset,
                shownRegion);
        model.addAttribute("province", province);
        model.addAttribute("from", bounds[0].toString());
        model.addAttribute("to", bounds[1].toString());
        model.addAttribute("measure", measure);
        model.addAttribute("measureLabel", label);
        model.addAttribute("region", shownRegion);
        model.addAttribute("regionName", regions.get(shownRegion).name());
        model.addAttribute("provinceName", regions.get(province).name());
        model.addAttribute("submitterGroups", selections.submitterGroups(province));
        model.addAttribute("figure", sources.figure(province, ReportPeriod.key(bounds[0], bounds[1]), dataset,
                measure.substring(measure.indexOf('/') + 1), shownRegion).orElse(null));
        model.addAttribute("files", files);
        model.addAttribute("rows", files.stream().mapToLong(FigureSources.File::rows).sum());
        return "figure-sources";
    }
}
