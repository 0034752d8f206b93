package io.ficus.gateway.shadow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ficus.gateway.plan.FieldPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Compares two answers by meaning rather than by bytes: status, chosen headers, and JSON bodies field by field
 * (objects by field name in any order, arrays by position or by a key field, 1 and 1.0 alike). Bodies that are
 * not JSON are compared byte for byte. Bodies must already be decoded ({@link Bodies}).
 */
final class AnswerComparer {

    /** Enough to show what is wrong; the counts by path still see one entry per differing path. */
    static final int MAX_DIFFERENCES = 50;
    static final int MAX_VALUE_CHARS = 200;

    /** Decimals as written (9.90 stays 9.90 in a sample, and big amounts keep every digit). */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    List<Difference> compare(Answer legacy, Answer service, CompareRules rules) {
        List<Difference> differences = new ArrayList<>();
        if (legacy.status() != service.status() && !rules.ignores(FieldPaths.STATUS)) {
            differences.add(new Difference(FieldPaths.STATUS, FieldPaths.STATUS, Integer.toString(legacy.status()),
                    Integer.toString(service.status())));
        }
        for (String name : rules.compareHeaders()) {
            String path = FieldPaths.header(name);
            String left = header(legacy.headers(), name);
            String right = header(service.headers(), name);
            if (!Objects.equals(left, right) && !rules.ignores(path)) {
                differences.add(new Difference(path, path, left, right));
            }
        }
        if (rules.withBody() && !rules.ignores(FieldPaths.BODY) && !rules.ignores(FieldPaths.ROOT)) {
            compareBodies(legacy, service, rules, differences);
        }
        return differences;
    }

    private void compareBodies(Answer legacy, Answer service, CompareRules rules, List<Difference> differences) {
        if (Arrays.equals(legacy.body(), service.body())) {
            return;
        }
        JsonNode left = isJson(legacy) ? parse(legacy.body()) : null;
        JsonNode right = isJson(service) ? parse(service.body()) : null;
        if (left == null || right == null) {
            differences.add(new Difference(FieldPaths.BODY, FieldPaths.BODY, Bodies.preview(legacy.body(), MAX_VALUE_CHARS),
                    Bodies.preview(service.body(), MAX_VALUE_CHARS)));
            return;
        }
        new Walk(rules, differences).nodes(FieldPaths.ROOT, FieldPaths.ROOT, left, right);
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        }
        catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isJson(Answer answer) {
        String type = answer.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return "json".equals(media.getSubtype()) || media.getSubtype().endsWith("+json");
        }
        catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * The header's values joined; Content-Type by media type alone, because a charset parameter one side spells
     * out and the other leaves implied is no difference a caller sees.
     */
    private static String header(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String joined = String.join(", ", values);
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            try {
                MediaType media = MediaType.parseMediaType(joined);
                return media.getType() + "/" + media.getSubtype();
            }
            catch (InvalidMediaTypeException e) {
                return joined;
            }
        }
        return joined;
    }

    /** One recursive descent through both trees. */
    private static final class Walk {

        private final CompareRules rules;
        private final List<Difference> differences;

        Walk(CompareRules rules, List<Difference> differences) {
            this.rules = rules;
            this.differences = differences;
        }

        void nodes(String path, String at, JsonNode left, JsonNode right) {
            if (differences.size() >= MAX_DIFFERENCES || rules.ignores(path)) {
                return;
            }
            if (left == null || right == null) {
                differ(path, at, left, right);
            }
            else if (left.isObject() && right.isObject()) {
                objects(path, at, left, right);
            }
            else if (left.isArray() && right.isArray()) {
                String key = rules.arrayKeys().get(path);
                if (key == null || !keyedArrays(path, at, left, right, key)) {
                    arraysByPosition(path, at, left, right);
                }
            }
            else if (!sameValue(left, right)) {
                differ(path, at, left, right);
            }
        }

        private void objects(String path, String at, JsonNode left, JsonNode right) {
            Set<String> names = new LinkedHashSet<>(left.propertyNames());
            names.addAll(right.propertyNames());
            for (String name : names) {
                nodes(FieldPaths.field(path, name), FieldPaths.field(at, name), left.get(name), right.get(name));
            }
        }

        private void arraysByPosition(String path, String at, JsonNode left, JsonNode right) {
            String elements = path + FieldPaths.ANY_ELEMENT;
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                nodes(elements, at + "[" + i + "]", i < left.size() ? left.get(i) : null,
                        i < right.size() ? right.get(i) : null);
            }
        }

        /** False (nothing compared) when an element lacks the key or a key repeats: then by position. */
        private boolean keyedArrays(String path, String at, JsonNode left, JsonNode right, String key) {
            Map<String, JsonNode> leftByKey = byKey(left, key);
            Map<String, JsonNode> rightByKey = byKey(right, key);
            if (leftByKey == null || rightByKey == null) {
                return false;
            }
            Set<String> keys = new LinkedHashSet<>(leftByKey.keySet());
            keys.addAll(rightByKey.keySet());
            String elements = path + FieldPaths.ANY_ELEMENT;
            for (String each : keys) {
                nodes(elements, at + "[" + key + "=" + each + "]", leftByKey.get(each), rightByKey.get(each));
            }
            return true;
        }

        private static Map<String, JsonNode> byKey(JsonNode array, String key) {
            Map<String, JsonNode> byKey = new LinkedHashMap<>();
            for (JsonNode element : array.values()) {
                JsonNode id = element.isObject() ? element.get(key) : null;
                if (id == null || !id.isValueNode() || byKey.putIfAbsent(id.asString(), element) != null) {
                    return null;
                }
            }
            return byKey;
        }

        private static boolean sameValue(JsonNode left, JsonNode right) {
            if (left.isNumber() && right.isNumber()) {
                return left.decimalValue().compareTo(right.decimalValue()) == 0;
            }
            return left.equals(right);
        }

        private void differ(String path, String at, JsonNode left, JsonNode right) {
            differences.add(new Difference(path, at, text(left), text(right)));
        }

        private static String text(JsonNode node) {
            if (node == null) {
                return null;
            }
            String text = node.toString();
            return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
        }
    }
}
