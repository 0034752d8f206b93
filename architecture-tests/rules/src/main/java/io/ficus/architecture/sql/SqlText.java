package io.ficus.architecture.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ficus.architecture.sql.TableReference.Kind;

/**
 * Finds the tables and schemas a piece of SQL names, by pattern rather than by a full SQL grammar.
 *
 * <p>Schema-qualified names ({@code orders.orders}) are found anywhere; unqualified names only after
 * {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE} and {@code REFERENCES}. Comments and
 * string literals are ignored. Names built at run time (a table name in a variable) cannot be seen.
 */
public final class SqlText {

    private static final String NAME = "([a-z_][a-z0-9_$]*)";
    private static final Pattern CREATE_SCHEMA = Pattern.compile(
            "\\bcreate\\s+schema\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TABLE = Pattern.compile("\\bcreate\\s+(?:(?:global\\s+|local\\s+)?"
            + "(?:temporary|temp|unlogged)\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(?:" + NAME + "\\s*\\.\\s*)?" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "\\breferences\\s+(?:" + NAME + "\\s*\\.\\s*)?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w$.])" + NAME + "\\s*\\.\\s*" + NAME + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNQUALIFIED = Pattern.compile(
            "\\b(?:from|join|into|update|table|only)\\s+" + NAME + "\\b(?!\\s*\\.)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOOKS_LIKE_SQL = Pattern.compile("^\\s*(?:select\\s.+\\sfrom\\s|insert\\s+into\\s|"
            + "update\\s+\\S+\\s+set\\s|delete\\s+from\\s|with\\s+\\w+\\s+as\\s*\\(|merge\\s+into\\s|"
            + "(?:create|alter|drop)\\s+(?:table|view|schema|index)\\s)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    // words that follow FROM, TABLE and the like without being a table name
    private static final Set<String> KEYWORDS = Set.of("if", "not", "exists", "only", "select", "lateral", "set",
            "values", "unnest", "generate_series", "json_table");

    private SqlText() {
    }

    /** True for a string that reads as a SQL statement rather than, say, a log message. */
    public static boolean looksLikeSql(String text) {
        return LOOKS_LIKE_SQL.matcher(text).find();
    }

    public static List<TableReference> references(String sql) {
        String[] originalLines = sql.split("\n", -1);
        String code = withoutCommentsAndLiterals(sql);
        List<TableReference> found = new ArrayList<>();
        boolean[] claimed = new boolean[code.length()];
        collect(code, CREATE_SCHEMA, Kind.CREATE_SCHEMA, originalLines, claimed, found);
        collect(code, CREATE_TABLE, Kind.CREATE_TABLE, originalLines, claimed, found);
        collect(code, FOREIGN_KEY, Kind.FOREIGN_KEY, originalLines, claimed, found);
        collect(code, QUALIFIED, Kind.USE, originalLines, claimed, found);
        collect(code, UNQUALIFIED, Kind.USE, originalLines, claimed, found);
        found.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return found;
    }

    private static void collect(String code, Pattern pattern, Kind kind, String[] lines, boolean[] claimed,
            List<TableReference> found) {
        Matcher matcher = pattern.matcher(code);
        while (matcher.find()) {
            int nameStart = matcher.start(1) >= 0 ? matcher.start(1) : matcher.start(matcher.groupCount());
            if (claimed[nameStart]) {
                continue;
            }
            if (kind == Kind.USE && matcher.groupCount() == 1 && KEYWORDS.contains(lower(matcher.group(1)))) {
                continue;
            }
            for (int i = matcher.start(); i < matcher.end(); i++) {
                claimed[i] = true;
            }
            int line = lineOf(code, matcher.start());
            String lineText = lines[line - 1].trim();
            found.add(switch (kind) {
                case CREATE_SCHEMA -> new TableReference(kind, lower(matcher.group(1)), null, line, lineText);
                default -> matcher.groupCount() == 1
                        ? new TableReference(kind, null, lower(matcher.group(1)), line, lineText)
                        : new TableReference(kind, lower(matcher.group(1)), lower(matcher.group(2)), line, lineText);
            });
        }
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Blanks out comments and string literals, keeping every newline so that line numbers stay true. */
    static String withoutCommentsAndLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            String end = c == '-' && sql.startsWith("--", i) ? "\n"
                    : c == '/' && sql.startsWith("/*", i) ? "*/"
                    : c == '\'' ? "'" : null;
            if (end == null) {
                out.append(c == '"' ? ' ' : c);
                i++;
                continue;
            }
            int close = sql.indexOf(end, i + 1);
            int stop = close < 0 ? sql.length() : close + (end.equals("\n") ? 0 : end.length());
            for (int j = i; j < stop; j++) {
                out.append(sql.charAt(j) == '\n' ? '\n' : ' ');
            }
            i = stop;
        }
        return out.toString();
    }
}
