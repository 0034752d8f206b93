package io.ficus.architecture.docs;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/** Draws the modules and their dependencies as a Mermaid flowchart, which GitHub renders in Markdown. */
public final class MermaidDiagram {

    private MermaidDiagram() {
    }

    /**
     * One node per module (with its table count), one edge per dependency: solid where the source calls the
     * target synchronously, dotted where it only consumes the target's events or uses its types.
     */
    public static String of(List<ModuleFacts> modules) {
        Map<String, ModuleFacts> byName = new TreeMap<>();
        modules.forEach(module -> byName.put(module.name(), module));
        StringBuilder out = new StringBuilder("flowchart LR\n");
        byName.values().forEach(module -> out.append("    ").append(module.name()).append("[\"")
                .append(module.displayName()).append("<br/>").append(tablesLabel(module)).append("\"]\n"));
        byName.values().forEach(module -> module.dependsOn().forEach(target -> out.append("    ")
                .append(edge(module, target)).append('\n')));
        return out.toString();
    }

    private static String edge(ModuleFacts source, String target) {
        int calls = source.callsInto().getOrDefault(target, List.of()).size();
        SortedSet<String> events = source.listensTo().get(target);
        if (calls > 0) {
            String label = calls + (calls == 1 ? " call site" : " call sites")
                    + (events == null ? "" : " + listens to " + String.join(", ", events));
            return source.name() + " -->|\"" + label + "\"| " + target;
        }
        if (events != null) {
            return source.name() + " -.->|\"listens to " + String.join(", ", events) + "\"| " + target;
        }
        return source.name() + " -.->|\"uses types\"| " + target;
    }

    private static String tablesLabel(ModuleFacts module) {
        int tables = module.tables().size();
        return tables == 1 ? "1 table" : tables + " tables";
    }
}
