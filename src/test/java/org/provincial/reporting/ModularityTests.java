package org.provincial.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules are the packages under org.provincial.reporting: no cycles between them, and none reaching into
 * another's sub-packages except through a named interface. Also writes their diagrams and canvases into docs/modules,
 * where they are committed.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(ReportingApplication.class);

    static final Path DOCS = Path.of("docs/modules");

    @Test
    void verifiesTheModules() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagrams() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (Stream<Path> diagrams = Files.list(DOCS)) {
            for (Path diagram : diagrams.filter(file -> file.toString().endsWith(".puml")).toList()) {
                Files.write(diagram, inStableOrder(Files.readAllLines(diagram, StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
            }
        }
        assertThat(DOCS.resolve("components.puml")).content().contains("\"Pipeline\"", "\"Ingest\"");
    }

    /**
     * The diagram with each run of its components and of its relations sorted: the documenter lists them in no fixed
     * order, and the committed diagrams should change only when the modules do.
     */
    static List<String> inStableOrder(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines.size());
        List<String> run = new ArrayList<>();
        String runKind = null;
        for (String line : lines) {
            String statement = line.strip();
            String kind = statement.startsWith("Rel(") ? "Rel(" : statement.startsWith("Component(") ? "Component(" : null;
            if (kind == null || !kind.equals(runKind)) {
                run.sort(null);
                sorted.addAll(run);
                run.clear();
            }
            runKind = kind;
            (kind == null ? sorted : run).add(line);
        }
        run.sort(null);
        sorted.addAll(run);
        return sorted;
    }
}
