package io.ficus.reconciliation;

import java.net.URI;
import java.util.List;

/**
 * What a reconciliation found: record counts per side, keys missing on the right, keys only on the right, and every
 * differing field; clean when there is nothing in the last three.
 */
public record ReconciliationReport(URI left, URI right, String keyField, int leftCount, int rightCount,
        List<String> missingOnRight, List<String> extraOnRight, List<FieldDifference> differences) {

    public boolean isClean() {
        return missingOnRight.isEmpty() && extraOnRight.isEmpty() && differences.isEmpty();
    }

    /** Keys of the records that differ in at least one field. */
    public List<String> differingKeys() {
        return differences.stream().map(FieldDifference::key).distinct().toList();
    }

    /** The report as text, each list cut after {@code maxLines} lines. */
    public String render(int maxLines) {
        StringBuilder text = new StringBuilder()
                .append("reconciliation by ").append(keyField).append('\n')
                .append("left:  ").append(left).append(" (").append(leftCount).append(" records)\n")
                .append("right: ").append(right).append(" (").append(rightCount).append(" records)\n");
        section(text, "missing on right", missingOnRight, maxLines);
        section(text, "extra on right", extraOnRight, maxLines);
        section(text, "differing fields (" + differingKeys().size() + " records)", differences, maxLines);
        return text.append("result: ").append(isClean() ? "CLEAN" : "DIFFERENT").append('\n').toString();
    }

    private static void section(StringBuilder text, String title, List<?> lines, int maxLines) {
        text.append(title).append(": ").append(lines.size()).append('\n');
        lines.stream().limit(maxLines).forEach(line -> text.append("  ").append(line).append('\n'));
        if (lines.size() > maxLines) {
            text.append("  … and ").append(lines.size() - maxLines).append(" more\n");
        }
    }
}
