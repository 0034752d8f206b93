package io.ficus.architecture.sql;

/**
 * A table or schema named in a piece of SQL.
 *
 * @param kind how the SQL names it
 * @param schema the schema it is qualified with, or {@code null} when unqualified
 * @param table the table, or {@code null} for a schema
 * @param line the 1-based line of the SQL text it appears on
 * @param lineText that line, trimmed
 */
public record TableReference(Kind kind, String schema, String table, int line, String lineText) {

    /** How a piece of SQL names a table. */
    public enum Kind { USE, FOREIGN_KEY, CREATE_TABLE, CREATE_SCHEMA }

    public String qualifiedName() {
        if (table == null) {
            return schema;
        }
        return schema == null ? table : schema + "." + table;
    }
}
