package io.ficus.architecture.docs;

import java.util.List;

/** Writes {@code docs/modules/README.md}: the Mermaid module diagram, a table of the modules, links to their canvases. */
public final class ModuleOverview {

    private ModuleOverview() {
    }

    public static String of(String systemName, List<ModuleFacts> modules) {
        StringBuilder out = new StringBuilder();
        out.append("# Modules: ").append(systemName).append("\n\n")
                .append("<!-- Generated from the code by the Ficus architecture rules; do not edit. -->\n\n")
                .append("Solid arrows are synchronous calls (through the consumer's client class); dotted arrows are "
                        + "event subscriptions or plain type use. Which module to extract next: "
                        + "[extraction-readiness.md](../extraction-readiness.md).\n\n")
                .append("```mermaid\n").append(MermaidDiagram.of(modules)).append("```\n\n")
                .append("| module | depends on | events published | events consumed | tables | canvas |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ModuleFacts module : modules) {
            out.append("| ").append(module.displayName()).append(" (`").append(module.name()).append("`) | ")
                    .append(orNone(String.join(", ", module.dependsOn()))).append(" | ")
                    .append(orNone(String.join(", ", module.eventsPublished()))).append(" | ")
                    .append(orNone(String.join(", ", module.eventsConsumed()))).append(" | ")
                    .append(orNone(String.join(", ", module.tables()))).append(" | ")
                    .append("[module-").append(module.name()).append(".adoc](module-").append(module.name()).append(".adoc) |\n");
        }
        return out.toString();
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "none" : text;
    }
}
