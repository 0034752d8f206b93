package io.ficus.architecture.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ficus.architecture.ModuleLayout;
import io.ficus.architecture.sql.TableReference.Kind;

/** Which module owns which schema and table, as the modules' own migrations create them. */
public final class SchemaOwnership {

    private final ModuleLayout layout;
    private final Map<String, Set<String>> tablesByModule;

    private SchemaOwnership(ModuleLayout layout, Map<String, Set<String>> tablesByModule) {
        this.layout = layout;
        this.tablesByModule = tablesByModule;
    }

    /** A table created by a module's migration belongs to that module (unqualified, it lands in the module's schema). */
    public static SchemaOwnership of(ModuleLayout layout, Collection<MigrationScript> scripts) {
        Map<String, Set<String>> tables = new TreeMap<>();
        layout.modules().forEach(module -> tables.put(module, new TreeSet<>()));
        for (MigrationScript script : scripts) {
            for (TableReference reference : script.references()) {
                boolean ownSchema = reference.schema() == null
                        || reference.schema().equalsIgnoreCase(layout.schemaOf(script.module()));
                if (reference.kind() == Kind.CREATE_TABLE && ownSchema) {
                    tables.get(script.module()).add(reference.table());
                }
            }
        }
        return new SchemaOwnership(layout, tables);
    }

    public Set<String> tablesOf(String module) {
        return tablesByModule.getOrDefault(module, Set.of());
    }

    /** The module owning a table reference, if it names a module's schema, or an unqualified table a module created. */
    public Optional<String> ownerOf(TableReference reference) {
        if (reference.schema() != null) {
            return layout.moduleOwningSchema(reference.schema());
        }
        return tablesByModule.entrySet().stream()
                .filter(entry -> entry.getValue().contains(reference.table()))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The references in a module's SQL, of the given kinds, that reach into another module's schema or tables. */
    public List<ForeignReference> foreignReferences(String module, String sql, Set<Kind> kinds) {
        List<ForeignReference> foreign = new ArrayList<>();
        for (TableReference reference : SqlText.references(sql)) {
            if (!kinds.contains(reference.kind()) || isOwn(module, reference)) {
                continue;
            }
            ownerOf(reference).ifPresentOrElse(owner -> foreign.add(new ForeignReference(reference, owner)),
                    () -> {
                        // a foreign key to any other schema crosses a schema boundary, owned by a module or not
                        if (reference.kind() == Kind.FOREIGN_KEY && reference.schema() != null) {
                            foreign.add(new ForeignReference(reference, "schema " + reference.schema()));
                        }
                    });
        }
        return foreign;
    }

    private boolean isOwn(String module, TableReference reference) {
        if (reference.schema() != null) {
            return reference.schema().equalsIgnoreCase(layout.schemaOf(module));
        }
        return tablesOf(module).contains(reference.table());
    }

    /**
     * A reference into data another module owns.
     *
     * @param reference where the SQL names it
     * @param owner the module owning it (or the foreign schema's name)
     */
    public record ForeignReference(TableReference reference, String owner) {

        public String describe() {
            String verb = switch (reference.kind()) {
                case FOREIGN_KEY -> "declares a foreign key to";
                case CREATE_TABLE -> "creates table";
                case CREATE_SCHEMA -> "creates schema";
                case USE -> "reads or writes";
            };
            String whose = owner.startsWith("schema ") ? "in " + owner : "owned by module '" + owner + "'";
            return verb + " " + reference.qualifiedName() + ", " + whose + " (SQL line "
                    + reference.line() + ": " + reference.lineText() + ")";
        }
    }
}
