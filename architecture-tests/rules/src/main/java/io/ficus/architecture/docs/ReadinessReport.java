package io.ficus.architecture.docs;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.ficus.architecture.docs.ExtractionReadiness.Candidate;

/** Writes {@code docs/extraction-readiness.md}: the ranking of extraction candidates, then the facts per module. */
public final class ReadinessReport {

    private ReadinessReport() {
    }

    public static String of(String systemName, List<ModuleFacts> modules) {
        List<Candidate> ranking = ExtractionReadiness.rank(modules);
        StringBuilder out = new StringBuilder();
        out.append("# Extraction readiness: ").append(systemName).append("\n\n")
                .append("<!-- Generated from the code by the Ficus architecture rules; do not edit. -->\n\n")
                .append("Which module can leave the monolith next, judged from the code as it is: synchronous calls "
                        + "in and out (each becomes an HTTP call), events (externalised as they are), and data "
                        + "(tables owned, SQL crossing a schema). Score: 3 per call site into the module, 2 per call "
                        + "site out of it, 1 per module it depends on or that depends on it, 10 per cross-schema SQL "
                        + "use; lower is readier.\n\n")
                .append("## Ranking\n\n")
                .append("| rank | module | score | calls in | calls out | events in | events out | why |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < ranking.size(); i++) {
            Candidate candidate = ranking.get(i);
            ModuleFacts module = candidate.facts();
            out.append("| ").append(i + 1).append(" | ").append(module.name()).append(" | ").append(candidate.score())
                    .append(" | ").append(module.callSitesInto().size()).append(" | ").append(module.outgoingCallSites())
                    .append(" | ").append(module.eventsConsumed().size()).append(" | ").append(module.eventsPublished().size())
                    .append(" | ").append(candidate.reason()).append(" |\n");
        }
        out.append("\n## Modules\n");
        for (Candidate candidate : ranking) {
            ModuleFacts module = candidate.facts();
            out.append("\n### ").append(module.displayName()).append(" (`").append(module.name()).append("`)\n\n")
                    .append("- depends on: ").append(list(module.dependsOn())).append('\n')
                    .append("- depended on by: ").append(list(module.dependedOnBy())).append('\n')
                    .append("- synchronous call sites into it: ").append(list(module.callSitesInto())).append('\n')
                    .append("- synchronous call sites out of it: ").append(calls(module.callsInto())).append('\n')
                    .append("- events in (consumed): ").append(list(module.eventsConsumed())).append('\n')
                    .append("- events out (published): ").append(list(module.eventsPublished())).append('\n')
                    .append("- tables owned: ").append(list(module.tables())).append('\n')
                    .append("- shared-table or cross-schema use: ").append(list(module.crossSchemaUses())).append('\n');
        }
        return out.toString();
    }

    private static String list(Collection<String> items) {
        return items.isEmpty() ? "none" : items.stream().map(item -> "`" + item + "`").reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    private static String calls(Map<String, List<String>> byTarget) {
        if (byTarget.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        byTarget.forEach((target, sites) -> out.append(out.length() == 0 ? "" : "; ").append(target).append(": ").append(list(sites)));
        return out.toString();
    }
}
