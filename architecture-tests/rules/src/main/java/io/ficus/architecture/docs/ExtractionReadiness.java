package io.ficus.architecture.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks modules by how cheaply they can leave the monolith, from the facts the code shows.
 *
 * <p>Score (lower is readier): 3 per synchronous call site into the module (each caller must switch to HTTP),
 * 2 per synchronous call site out of it (each needs an HTTP client once it has left), 1 per module it depends on
 * or that depends on it, and 10 per cross-schema SQL use (shared data must be untangled before anything moves).
 * Event coupling costs nothing extra: events are externalised to a broker as they are. Shared modules come last:
 * they are a kernel every module builds on, taken along as a library rather than extracted.
 */
public final class ExtractionReadiness {

    private ExtractionReadiness() {
    }

    /**
     * A module's place in the ranking.
     *
     * @param facts the module's facts
     * @param score its score, lower is readier
     * @param reason one sentence on why it ranks there
     */
    public record Candidate(ModuleFacts facts, int score, String reason) {
    }

    public static List<Candidate> rank(List<ModuleFacts> modules) {
        List<Candidate> candidates = new ArrayList<>();
        for (ModuleFacts module : modules) {
            candidates.add(new Candidate(module, score(module), reason(module)));
        }
        candidates.sort(Comparator.comparing((Candidate candidate) -> candidate.facts().shared())
                .thenComparingInt(Candidate::score).thenComparing(candidate -> candidate.facts().name()));
        return candidates;
    }

    static int score(ModuleFacts module) {
        return 3 * module.callSitesInto().size() + 2 * module.outgoingCallSites() + module.dependsOn().size()
                + module.dependedOnBy().size() + 10 * module.crossSchemaUses().size();
    }

    static String reason(ModuleFacts module) {
        if (module.shared()) {
            return "Shared kernel: " + (module.dependedOnBy().isEmpty() ? "declared shared" : String.join(", ",
                    module.dependedOnBy()) + " build on it") + "; it is not extracted but goes, as a library, with each "
                    + "service that needs it.";
        }
        if (!module.crossSchemaUses().isEmpty()) {
            return "Blocked: " + module.crossSchemaUses().size() + " cross-schema SQL use(s) tie its data to other "
                    + "modules; remove them before it can have a database of its own.";
        }
        int into = module.callSitesInto().size();
        int out = module.outgoingCallSites();
        if (into == 0 && out == 0) {
            if (module.eventsConsumed().isEmpty() && module.eventsPublished().isEmpty()) {
                return module.dependedOnBy().isEmpty()
                        ? "Isolated: nothing calls it and it calls nothing; it can move as it is."
                        : "Types only: no module calls it and it calls none, but " + String.join(", ",
                                module.dependedOnBy()) + " use its types, which must stay behind as a copy or a "
                                + "published contract when it moves.";
            }
            return "Event-first: no module calls it and it calls none; it " + (module.eventsConsumed().isEmpty()
                    ? "only publishes events" : "consumes " + module.eventsConsumed().size() + " event type(s)")
                    + ", which can be externalised to a broker and consumed by the new service unchanged.";
        }
        if (out == 0) {
            return "HTTP-first: it calls no other module, and " + into + " synchronous call site(s) from "
                    + String.join(", ", module.dependedOnBy()) + " reach it through client classes that switch to HTTP "
                    + "by configuration (move reads first, then writes).";
        }
        return "Later: it calls " + String.join(", ", module.callsInto().keySet()) + " synchronously (" + out
                + " call site(s)), each of which needs an HTTP client" + (into == 0 ? "" : ", and " + into
                + " call site(s) reach it from other modules") + "; extract its dependencies first.";
    }
}
