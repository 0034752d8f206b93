package io.ficus.services.catalog.sync;

import io.ficus.services.catalog.sync.IncomingProductChange.InvalidProductChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Decides what happens to a message once its retries are used up: one that can never be applied (bad JSON, a
 * missing field, data the table refuses) goes to the dead-letter queue with its reason; one that failed for a
 * passing cause (the database is down) goes back to the queue, because dead-lettering good changes would
 * silently lose them.
 */
class DeadLetterRecoverer implements MessageRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final RepublishMessageRecoverer republisher;

    DeadLetterRecoverer(RabbitTemplate template, String exchange, String routingKey, boolean confirms) {
        // With publisher confirms the message is acknowledged only once the broker holds its dead letter.
        this.republisher = confirms
                ? new RepublishMessageRecovererWithConfirms(template, exchange, routingKey, ConfirmType.CORRELATED)
                : new RepublishMessageRecoverer(template, exchange, routingKey);
    }

    @Override
    public void recover(Message message, Throwable cause) {
        if (!isPoison(cause)) {
            log.warn("Product change {} could not be applied ({}); it goes back to the queue",
                    describe(message), rootMessage(cause));
            throw new ImmediateRequeueAmqpException("requeued after a passing failure", cause);
        }
        log.warn("Product change {} can never be applied ({}); moved to the dead-letter queue",
                describe(message), rootMessage(cause));
        republisher.recover(message, cause);
    }

    private static String describe(Message message) {
        String id = message.getMessageProperties().getMessageId();
        return id != null ? id : "(no message id, routing key " + message.getMessageProperties().getReceivedRoutingKey() + ")";
    }

    private static boolean isPoison(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidProductChange || t instanceof DataIntegrityViolationException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
