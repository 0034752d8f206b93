package io.ficus.contract;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP answer under contract, with assertions whose failure names the side, the endpoint and the field that
 * differs, e.g. {@code catalog-service GET /api/catalog/products/X-1: field 'price' is "12.5", expected "12.50"}.
 * Paths are dotted with array indexes: {@code items[0].sku}; the empty path is the whole body.
 */
final class ContractResponse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String side;
    private final String endpoint;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private JsonNode json;

    ContractResponse(String side, String endpoint, int status, HttpHeaders headers, String body) {
        this.side = side;
        this.endpoint = endpoint;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    int status() {
        return status;
    }

    String endpoint() {
        return endpoint;
    }

    ContractResponse hasStatus(int expected) {
        if (status != expected) {
            throw failure("status is " + status + ", expected " + expected);
        }
        return this;
    }

    /** The status, {@code application/problem+json}, and a body whose {@code status} repeats it. */
    ContractResponse isProblem(int expected) {
        hasStatus(expected);
        hasContentType("application/problem+json");
        return hasField("status", expected);
    }

    ContractResponse hasContentType(String expected) {
        String actual = headers.firstValue("Content-Type").orElse("<none>");
        if (!actual.startsWith(expected)) {
            throw failure("header 'Content-Type' is " + actual + ", expected " + expected);
        }
        return this;
    }

    ContractResponse hasHeader(String name, String expected) {
        String actual = header(name);
        if (!expected.equals(actual)) {
            throw failure("header '" + name + "' is " + actual + ", expected " + expected);
        }
        return this;
    }

    String header(String name) {
        return headers.firstValue(name).orElse("<none>");
    }

    ContractResponse hasNoBody() {
        if (!body.isEmpty()) {
            throw failure("body expected empty, was " + abbreviated());
        }
        return this;
    }

    /** The field at {@code path}; fails naming the path when it is absent. */
    JsonNode field(String path) {
        JsonNode node = json();
        String walked = "";
        for (String segment : path.isEmpty() ? new String[0] : path.split("\\.")) {
            String name = segment.contains("[") ? segment.substring(0, segment.indexOf('[')) : segment;
            if (!name.isEmpty()) {
                walked = walked.isEmpty() ? name : walked + "." + name;
                node = node.get(name);
                if (node == null) {
                    throw failure("field '" + walked + "' is missing");
                }
            }
            if (segment.contains("[")) {
                int index = Integer.parseInt(segment.substring(segment.indexOf('[') + 1, segment.indexOf(']')));
                walked = walked + "[" + index + "]";
                if (!node.isArray() || node.size() <= index) {
                    throw failure("field '" + walked + "' is missing (" + name + " has "
                            + (node.isArray() ? node.size() + " elements" : "no array") + ")");
                }
                node = node.get(index);
            }
        }
        return node;
    }

    /** Compares the field with a string, number, boolean or null, by JSON type and value. */
    ContractResponse hasField(String path, Object expected) {
        JsonNode actual = field(path);
        JsonNode wanted = JSON.valueToTree(expected);
        boolean same = wanted.isNumber() && actual.isNumber()
                ? actual.decimalValue().compareTo(wanted.decimalValue()) == 0
                : wanted.equals(actual);
        if (!same) {
            throw failure("field '" + path + "' is " + actual + ", expected " + wanted);
        }
        return this;
    }

    ContractResponse hasNumberField(String path) {
        JsonNode actual = field(path);
        if (!actual.isIntegralNumber()) {
            throw failure("field '" + path + "' is " + actual + ", expected an integer");
        }
        return this;
    }

    /** The object at {@code path} has exactly these fields: no more, no fewer. */
    ContractResponse hasFieldNames(String path, String... names) {
        JsonNode node = field(path);
        if (!node.isObject()) {
            throw failure("field '" + path + "' is " + node + ", expected an object");
        }
        Set<String> actual = new TreeSet<>(node.propertyNames());
        Set<String> expected = new TreeSet<>(List.of(names));
        if (!actual.equals(expected)) {
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            throw failure("field '" + (path.isEmpty() ? "<body>" : path) + "' has fields " + actual + "; unexpected "
                    + extra + ", missing " + missing);
        }
        return this;
    }

    ContractResponse hasArraySize(String path, int expected) {
        JsonNode node = field(path);
        if (!node.isArray() || node.size() != expected) {
            throw failure("field '" + path + "' has " + (node.isArray() ? node.size() + " elements" : "no array")
                    + ", expected " + expected);
        }
        return this;
    }

    /** The string values of {@code field} in each element of the array at {@code arrayPath}. */
    List<String> values(String arrayPath, String field) {
        JsonNode array = field(arrayPath);
        if (!array.isArray()) {
            throw failure("field '" + arrayPath + "' is " + array + ", expected an array");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i).get(field);
            if (value == null) {
                throw failure("field '" + arrayPath + "[" + i + "]." + field + "' is missing");
            }
            values.add(value.asString());
        }
        return values;
    }

    /** The validation problem's {@code errors} name this field (among others). */
    ContractResponse namesInvalidField(String name) {
        List<String> fields = values("errors", "field");
        if (!fields.contains(name)) {
            throw failure("field 'errors' names " + fields + ", expected it to name '" + name + "'");
        }
        return this;
    }

    AssertionError failure(String what) {
        return new AssertionError(side + " " + endpoint + ": " + what + "\n  body: " + abbreviated());
    }

    private JsonNode json() {
        if (json == null) {
            try {
                json = JSON.readTree(body.isEmpty() ? "null" : body);
            }
            catch (JacksonException e) {
                throw failure("body is not JSON");
            }
        }
        return json;
    }

    private String abbreviated() {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
