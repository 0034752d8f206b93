package io.ficus.reconciliation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Compares every record of two export-shaped endpoints ({@code {"items":[…],"next":…}}, paged with
 * {@code after} and {@code limit}) by a key field, field by field; the library entry point behind
 * {@link ReconciliationCommand}.
 * <pre>{@code
 * ReconciliationReport report = Reconciliation.between(monolithExport, serviceExport).key("sku").run();
 * }</pre>
 */
public final class Reconciliation {

    private static final String ABSENT = "<absent>";

    private final URI left;
    private final URI right;
    private String keyField = "id";
    private int pageSize = 500;
    private Set<String> ignoredFields = Set.of();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private String bearerToken;

    private Reconciliation(URI left, URI right) {
        this.left = left;
        this.right = right;
    }

    /** A comparison of the {@code left} (reference) export with the {@code right} one. */
    public static Reconciliation between(URI left, URI right) {
        return new Reconciliation(left, right);
    }

    public Reconciliation key(String field) {
        this.keyField = field;
        return this;
    }

    /** Records asked for per page ({@code limit}); default 500. */
    public Reconciliation pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.pageSize = size;
        return this;
    }

    /** Fields left out of the comparison (for instance a timestamp each side sets itself). */
    public Reconciliation ignoring(Set<String> fields) {
        this.ignoredFields = Set.copyOf(fields);
        return this;
    }

    public Reconciliation timeouts(Duration connect, Duration request) {
        this.connectTimeout = connect;
        this.requestTimeout = request;
        return this;
    }

    /** Sends {@code Authorization: Bearer <token>} to both sides (an export only staff may read); null for none. */
    public Reconciliation bearerToken(String token) {
        this.bearerToken = token == null || token.isBlank() ? null : token.strip();
        return this;
    }

    /** Reads both exports completely and compares them; throws {@link ReconciliationException} if it cannot. */
    public ReconciliationReport run() {
        ExportReader reader = new ExportReader(connectTimeout, requestTimeout, bearerToken);
        Map<String, JsonNode> leftRecords = reader.readAll(left, keyField, pageSize);
        Map<String, JsonNode> rightRecords = reader.readAll(right, keyField, pageSize);
        List<String> missing = new ArrayList<>();
        List<FieldDifference> differences = new ArrayList<>();
        for (String key : new TreeSet<>(leftRecords.keySet())) {
            JsonNode other = rightRecords.get(key);
            if (other == null) {
                missing.add(key);
            }
            else {
                differences.addAll(compare(key, leftRecords.get(key), other));
            }
        }
        List<String> extra = new TreeSet<>(rightRecords.keySet()).stream()
                .filter(key -> !leftRecords.containsKey(key)).toList();
        return new ReconciliationReport(left, right, keyField, leftRecords.size(), rightRecords.size(),
                List.copyOf(missing), extra, List.copyOf(differences));
    }

    private List<FieldDifference> compare(String key, JsonNode leftRecord, JsonNode rightRecord) {
        Set<String> fields = new TreeSet<>(leftRecord.propertyNames());
        fields.addAll(rightRecord.propertyNames());
        fields.removeAll(ignoredFields);
        List<FieldDifference> differences = new ArrayList<>();
        for (String field : fields) {
            JsonNode leftValue = leftRecord.get(field);
            JsonNode rightValue = rightRecord.get(field);
            if (leftValue == null || !leftValue.equals(rightValue)) {
                differences.add(new FieldDifference(key, field, text(leftValue), text(rightValue)));
            }
        }
        return differences;
    }

    private static String text(JsonNode value) {
        return value == null ? ABSENT : value.toString();
    }
}
