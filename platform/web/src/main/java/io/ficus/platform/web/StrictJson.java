package io.ficus.platform.web;

import java.util.Optional;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Makes request JSON mean exactly what it says: a duplicate key is an error instead of "last one wins", an unknown
 * field is an error instead of being dropped, an integer field takes neither a fraction nor a string, a text field
 * takes no number, and every string passes {@link UntrustedText}. Amounts stay decimal strings (BigDecimal fields
 * are not integers and keep accepting them). Applied to the app's {@link JsonMapper}, so what the app reads from
 * its own peers (the export, broker messages) is held to the same rule.
 */
class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("ficus-untrusted-text").addDeserializer(String.class, new CheckedStrings()));
    }

    /** Jackson's own string reading, then {@link UntrustedText}; the error carries the JSON path of the field. */
    static final class CheckedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null) {
                Optional<String> problem = UntrustedText.problemIn(value);
                if (problem.isPresent()) {
                    // the message is the reason alone: the value itself is not echoed
                    return context.reportInputMismatch(String.class, problem.get());
                }
            }
            return value;
        }
    }
}
