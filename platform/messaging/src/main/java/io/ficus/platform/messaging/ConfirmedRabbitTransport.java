package io.ficus.platform.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.expression.EvaluationContext;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.BrokerRouting;
import org.springframework.modulith.events.support.EventExternalizationTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an externalized event as persistent JSON and completes only when the broker confirmed it and did
 * not return it as unroutable; a nack, a return, a send error or no confirm within the timeout fails the
 * future, so Spring Modulith keeps the publication (FAILED) for a later resubmission instead of losing it.
 */
class ConfirmedRabbitTransport implements EventExternalizationTransport {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedRabbitTransport.class);

    private final RabbitTemplate template;
    private final JsonMapper json;
    private final EvaluationContext routingContext;
    private final Duration confirmTimeout;

    ConfirmedRabbitTransport(RabbitTemplate template, JsonMapper json, EvaluationContext routingContext,
            Duration confirmTimeout) {
        this.template = template;
        this.json = json;
        this.routingContext = routingContext;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public CompletableFuture<?> externalize(Object payload, RoutingTarget target) {
        BrokerRouting routing = BrokerRouting.of(target, routingContext);
        String exchange = routing.getTarget(payload);
        String routingKey = routing.getKey(payload);
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            template.send(exchange, routingKey, toMessage(payload), correlation);
        }
        catch (AmqpException e) {
            ExternalizationFailedException failure = new ExternalizationFailedException(
                    "Could not send to exchange " + exchange + ": " + e.getMessage(), e);
            log.warn("Event not externalized, publication stays incomplete and is retried: {}", failure.getMessage());
            return CompletableFuture.failedFuture(failure);
        }
        return correlation.getFuture()
                .orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(confirm -> {
                    if (!confirm.ack()) {
                        // Qpid nacks an unroutable mandatory message without a reason, where RabbitMQ returns it
                        throw new ExternalizationFailedException("Broker refused the message for exchange "
                                + exchange + " (" + routingKey + "): "
                                + (confirm.reason() != null ? confirm.reason() : "no reason given, unroutable?"));
                    }
                    ReturnedMessage returned = correlation.getReturned();
                    if (returned != null) {
                        throw new ExternalizationFailedException("Message to exchange " + exchange + " ("
                                + routingKey + ") was returned: " + returned.getReplyCode() + " "
                                + returned.getReplyText());
                    }
                    return confirm;
                })
                .whenComplete((confirm, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        String reason = cause instanceof TimeoutException
                                ? "no confirm from the broker within " + confirmTimeout + " for exchange " + exchange
                                : cause.getMessage();
                        log.warn("Event not externalized, publication stays incomplete and is retried: {}", reason);
                    }
                });
    }

    private Message toMessage(Object payload) {
        JsonNode tree = json.valueToTree(payload);
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        // The event's own id lets consumers recognise a redelivery; every event of ours carries one.
        JsonNode eventId = tree.get("eventId");
        properties.setMessageId(eventId != null && !eventId.isNull() ? eventId.asString() : UUID.randomUUID().toString());
        properties.setType(payload.getClass().getSimpleName());
        return new Message(json.writeValueAsBytes(tree), properties);
    }
}
