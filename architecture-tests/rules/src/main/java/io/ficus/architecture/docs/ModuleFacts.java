package io.ficus.architecture.docs;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What the code says about one module, the raw material of the diagram and the extraction-readiness report.
 *
 * @param name the module's name (its package's simple name)
 * @param displayName Spring Modulith's display name for it
 * @param dependsOn the modules it depends on (Spring Modulith's direct dependencies)
 * @param dependedOnBy the modules depending on it
 * @param callSitesInto synchronous call sites from other modules into it, each "Caller.method → Target.method"
 * @param callsInto per module it calls synchronously, the call sites
 * @param eventsPublished the event types it owns
 * @param eventsConsumed the other modules' event types it listens to, each "Event (module)"
 * @param listensTo per module whose events it consumes, those event types
 * @param tables the tables its migrations create, schema-qualified
 * @param crossSchemaUses SQL of this module reaching other modules' data, and of other modules reaching its data
 * @param shared true for a shared module (a kernel every module builds on), which is no extraction candidate
 */
public record ModuleFacts(String name, String displayName, SortedSet<String> dependsOn, SortedSet<String> dependedOnBy,
        List<String> callSitesInto, SortedMap<String, List<String>> callsInto, SortedSet<String> eventsPublished,
        SortedSet<String> eventsConsumed, SortedMap<String, SortedSet<String>> listensTo, SortedSet<String> tables,
        List<String> crossSchemaUses, boolean shared) {

    public int outgoingCallSites() {
        return callsInto.values().stream().mapToInt(List::size).sum();
    }
}
