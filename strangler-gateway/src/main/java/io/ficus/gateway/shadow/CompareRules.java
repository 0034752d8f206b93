package io.ficus.gateway.shadow;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.ficus.gateway.plan.FieldPaths;

/**
 * What a comparison looks at and what it passes over.
 *
 * @param compareHeaders headers compared besides status and body
 * @param ignored        normalized paths not compared (with their subtrees): configured and calibrated noise
 * @param arrayKeys      normalized array path to the field that identifies its elements
 * @param withBody       false for HEAD
 */
record CompareRules(List<String> compareHeaders, Collection<String> ignored, Map<String, String> arrayKeys,
        boolean withBody) {

    boolean ignores(String path) {
        for (String each : ignored) {
            if (FieldPaths.isWithin(path, each)) {
                return true;
            }
        }
        return false;
    }
}
