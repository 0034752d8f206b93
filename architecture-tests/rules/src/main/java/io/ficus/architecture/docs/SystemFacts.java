package io.ficus.architecture.docs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import io.ficus.architecture.ArchitecturalRoles;
import io.ficus.architecture.EventTypes;
import io.ficus.architecture.ModularArchitecture;
import io.ficus.architecture.ModuleLayout;
import io.ficus.architecture.SynchronousCall;
import io.ficus.architecture.sql.MigrationScript;
import io.ficus.architecture.sql.SchemaOwnership;
import io.ficus.architecture.sql.SchemaOwnership.ForeignReference;
import io.ficus.architecture.sql.SqlInCode;
import io.ficus.architecture.sql.TableReference.Kind;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Gathers {@link ModuleFacts} for every module from Spring Modulith's model, the imported classes and the migrations. */
public final class SystemFacts {

    private static final Set<Kind> EVERY_KIND = Set.of(Kind.values());

    private SystemFacts() {
    }

    /** Facts per module, in the order of the layout's module list. */
    public static List<ModuleFacts> of(ModularArchitecture architecture, JavaClasses classes) {
        ModuleLayout layout = architecture.layout();
        ApplicationModules modules = layout.applicationModules();
        List<JavaClass> moduleClasses = classes.stream().filter(layout.inAnyModule()).toList();
        List<MigrationScript> scripts = new ArrayList<>();
        layout.modules().forEach(module -> scripts.addAll(MigrationScript.load(architecture.migrationLocation(), module, moduleClasses)));
        SchemaOwnership ownership = SchemaOwnership.of(layout, scripts);

        Map<String, SortedSet<String>> dependsOn = new TreeMap<>();
        for (String module : layout.modules()) {
            SortedSet<String> targets = new TreeSet<>();
            modules.getModuleByName(module).ifPresent(found -> found.getDirectDependencies(modules).uniqueModules()
                    .map(SystemFacts::simpleName).filter(layout.modules()::contains).forEach(targets::add));
            dependsOn.put(module, targets);
        }
        Map<String, List<String>> crossSchema = crossSchemaUses(layout, moduleClasses, scripts, ownership);

        List<ModuleFacts> facts = new ArrayList<>();
        for (String module : layout.modules()) {
            SortedSet<String> dependedOnBy = new TreeSet<>();
            dependsOn.forEach((source, targets) -> {
                if (targets.contains(module)) {
                    dependedOnBy.add(source);
                }
            });
            List<JavaClass> own = moduleClasses.stream().filter(layout.inModule(module)).toList();
            facts.add(new ModuleFacts(module, displayName(modules, module), dependsOn.get(module), dependedOnBy,
                    callSitesInto(layout, moduleClasses, module), callsFrom(layout, own), eventsPublished(own),
                    eventsConsumed(layout, own, module), listensTo(layout, own, module),
                    qualified(layout, module, ownership.tablesOf(module)), crossSchema.getOrDefault(module, List.of()),
                    layout.isShared(module)));
        }
        return facts;
    }

    private static String displayName(ApplicationModules modules, String module) {
        return modules.getModuleByName(module).map(ApplicationModule::getDisplayName).orElse(module);
    }

    private static String simpleName(ApplicationModule module) {
        String name = module.getBasePackage().getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static List<String> callSitesInto(ModuleLayout layout, Collection<JavaClass> classes, String module) {
        SortedSet<String> sites = new TreeSet<>();
        classes.forEach(type -> SynchronousCall.from(type, layout).filter(call -> call.target().equals(module))
                .forEach(call -> sites.add(layout.moduleOf(type).orElseThrow() + ": " + describe(call))));
        return List.copyOf(sites);
    }

    private static SortedMap<String, List<String>> callsFrom(ModuleLayout layout, Collection<JavaClass> own) {
        SortedMap<String, SortedSet<String>> byTarget = new TreeMap<>();
        own.forEach(type -> SynchronousCall.from(type, layout)
                .forEach(call -> byTarget.computeIfAbsent(call.target(), target -> new TreeSet<>()).add(describe(call))));
        SortedMap<String, List<String>> calls = new TreeMap<>();
        byTarget.forEach((target, sites) -> calls.put(target, List.copyOf(sites)));
        return calls;
    }

    // no line numbers: the committed report must not go stale whenever code above a call moves
    private static String describe(SynchronousCall call) {
        return call.access().getOriginOwner().getSimpleName() + "." + call.access().getOrigin().getName() + " → "
                + call.access().getTargetOwner().getSimpleName() + "." + call.access().getName();
    }

    private static SortedSet<String> eventsPublished(Collection<JavaClass> own) {
        SortedSet<String> events = new TreeSet<>();
        own.stream().filter(EventTypes::isEvent).forEach(type -> events.add(type.getSimpleName()));
        return events;
    }

    private static SortedSet<String> eventsConsumed(ModuleLayout layout, Collection<JavaClass> own, String module) {
        SortedSet<String> events = new TreeSet<>();
        listensTo(layout, own, module).forEach((source, types) -> types.forEach(type -> events.add(type + " (" + source + ")")));
        return events;
    }

    private static SortedMap<String, SortedSet<String>> listensTo(ModuleLayout layout, Collection<JavaClass> own, String module) {
        SortedMap<String, SortedSet<String>> bySource = new TreeMap<>();
        for (JavaClass type : own) {
            for (JavaMethod method : type.getMethods()) {
                if (!ArchitecturalRoles.isEventListener(method)) {
                    continue;
                }
                method.getRawParameterTypes().forEach(parameter -> layout.moduleOf(parameter)
                        .filter(source -> !source.equals(module))
                        .ifPresent(source -> bySource.computeIfAbsent(source, s -> new TreeSet<>()).add(parameter.getSimpleName())));
            }
        }
        return bySource;
    }

    private static SortedSet<String> qualified(ModuleLayout layout, String module, Set<String> tables) {
        SortedSet<String> names = new TreeSet<>();
        tables.forEach(table -> names.add(layout.schemaOf(module) + "." + table));
        return names;
    }

    /** Per module, the SQL reaching across a schema boundary, from it ("uses …") or into it ("used by …"). */
    private static Map<String, List<String>> crossSchemaUses(ModuleLayout layout, Collection<JavaClass> classes,
            List<MigrationScript> scripts, SchemaOwnership ownership) {
        Map<String, SortedSet<String>> uses = new TreeMap<>();
        for (MigrationScript script : scripts) {
            ownership.foreignReferences(script.module(), script.sql(), EVERY_KIND)
                    .forEach(foreign -> record(uses, script.module(), foreign, script.path()));
        }
        for (JavaClass type : classes) {
            String module = layout.moduleOf(type).orElseThrow();
            for (SqlInCode sql : SqlInCode.in(type)) {
                ownership.foreignReferences(module, sql.sql(), EVERY_KIND)
                        .forEach(foreign -> record(uses, module, foreign, type.getSimpleName()));
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        uses.forEach((module, lines) -> result.put(module, List.copyOf(lines)));
        return result;
    }

    private static void record(Map<String, SortedSet<String>> uses, String module, ForeignReference foreign, String where) {
        String what = foreign.reference().qualifiedName();
        uses.computeIfAbsent(module, m -> new TreeSet<>()).add("uses " + what + " of " + foreign.owner() + " in " + where);
        uses.computeIfAbsent(foreign.owner(), m -> new TreeSet<>()).add("used by " + module + ": " + what + " in " + where);
    }
}
