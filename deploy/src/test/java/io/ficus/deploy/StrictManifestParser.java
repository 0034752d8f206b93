package io.ficus.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes YAML into the API types of fabric8's model and refuses anything the API would not know: an
 * unknown kind, or a field no type declares.
 *
 * <p>Why not just FAIL_ON_UNKNOWN_PROPERTIES: every fabric8 model type keeps unknown fields in an
 * {@code additionalProperties} map (a {@code @JsonAnySetter}), so Jackson never sees an unknown property. A typo such as
 * {@code readinesProbe} lands in that map silently; this parser walks the parsed tree and fails on any non-empty one.
 */
final class StrictManifestParser {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern ONLY_COMMENTS = Pattern.compile("(?s)\\s*(#[^\\n]*\\s*)*");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** Every document of a multi-document YAML text, each as its API type; {@code source} names it in failures. */
    List<HasMetadata> parse(String yaml, String source) {
        List<HasMetadata> resources = new ArrayList<>();
        String[] documents = DOCUMENT_SEPARATOR.split(yaml);
        for (int i = 0; i < documents.length; i++) {
            if (ONLY_COMMENTS.matcher(documents[i]).matches()) {
                continue;
            }
            String where = source + " (document " + (i + 1) + ")";
            Object parsed = serialization.unmarshal(documents[i]);
            if (!(parsed instanceof HasMetadata resource) || parsed instanceof GenericKubernetesResource) {
                throw new InvalidManifest(where + ": not a kind of the Kubernetes API: "
                        + (parsed == null ? "nothing" : parsed.getClass().getSimpleName()));
            }
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(resource, resource.getKind(), unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            if (!unknown.isEmpty()) {
                throw new InvalidManifest(where + ": fields the Kubernetes API does not know: " + unknown);
            }
            resources.add(resource);
        }
        return resources;
    }

    private void collectUnknownFields(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return; // strings, numbers, booleans: leaves
        }
        for (PropertyDescriptor property : properties(node.getClass())) {
            if (property.getReadMethod() == null) {
                continue;
            }
            Object value = read(node, property);
            if ("additionalProperties".equals(property.getName())) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                collectUnknownFields(value, path + "." + property.getName(), unknown, seen);
            }
        }
    }

    private static PropertyDescriptor[] properties(Class<?> type) {
        try {
            return Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors();
        } catch (IntrospectionException e) {
            throw new IllegalStateException(type.getName() + " cannot be introspected", e);
        }
    }

    private static Object read(Object node, PropertyDescriptor property) {
        try {
            return property.getReadMethod().invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + property.getName() + " of " + node.getClass().getName(), e);
        }
    }

    /** A manifest the Kubernetes API would refuse or silently misread. */
    static final class InvalidManifest extends RuntimeException {
        InvalidManifest(String message) {
            super(message);
        }
    }
}
