package io.ficus.services.notifications.events;

import java.math.BigDecimal;
import java.util.UUID;

import io.ficus.services.notifications.notification.NewNotification;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one broker message of the shop (OrderConfirmed, OrderCancelled, ShipmentCreated, told apart by routing
 * key) into the notification the monolith's module would have recorded, with the same text.
 */
@Component
class OrderEventReader {

    // decimals stay BigDecimal so that a total reads back exactly as the monolith wrote it ("39.90", not 39.9)
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    NewNotification read(Message message) {
        String routingKey = message.getMessageProperties().getReceivedRoutingKey();
        JsonNode body = parse(message.getBody());
        UUID orderId = uuid(body, "orderId");
        String customer = text(body, "customer");
        UUID eventId = eventId(body, message);
        return switch (routingKey == null ? "" : routingKey) {
            case "order.confirmed" -> new NewNotification(eventId, customer, orderId, "ORDER_CONFIRMED",
                    "Your order " + orderId + " is confirmed: " + decimal(body, "total").toPlainString() + " "
                            + text(body, "currency"));
            case "order.cancelled" -> new NewNotification(eventId, customer, orderId, "ORDER_CANCELLED",
                    "Your order " + orderId + " was cancelled: " + text(body, "reason"));
            case "shipment.created" -> new NewNotification(eventId, customer, orderId, "SHIPMENT_CREATED",
                    "Your order " + orderId + " is being prepared for shipping");
            default -> throw new PoisonMessageException("unknown routing key '" + routingKey + "'");
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new PoisonMessageException("body is not a JSON object");
            }
            return node;
        }
        catch (JacksonException e) {
            throw new PoisonMessageException("body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The event's own id; the AMQP message id stands in for producers that only set that. */
    private static UUID eventId(JsonNode body, Message message) {
        if (body.hasNonNull("eventId")) {
            return uuid(body, "eventId");
        }
        String messageId = message.getMessageProperties().getMessageId();
        if (messageId == null) {
            throw new PoisonMessageException("no eventId in the body and no message_id");
        }
        return parseUuid("message_id", messageId);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new PoisonMessageException("field '" + field + "' is missing or not a non-empty string");
        }
        return value.asString();
    }

    private static UUID uuid(JsonNode body, String field) {
        return parseUuid(field, text(body, field));
    }

    private static UUID parseUuid(String field, String value) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            throw new PoisonMessageException("field '" + field + "' is not a UUID", e);
        }
    }

    private static BigDecimal decimal(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !(value.isNumber() || value.isString())) {
            throw new PoisonMessageException("field '" + field + "' is missing or not a decimal");
        }
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString());
        }
        catch (NumberFormatException e) {
            throw new PoisonMessageException("field '" + field + "' is not a decimal", e);
        }
    }
}
