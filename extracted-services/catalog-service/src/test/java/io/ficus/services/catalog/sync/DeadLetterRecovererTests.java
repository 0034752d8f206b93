package io.ficus.services.catalog.sync;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A change that failed for a passing cause goes back to the queue rather than to the dead letters. */
class DeadLetterRecovererTests {

    @Test
    void sendsAChangeBackToTheQueueWhenTheDatabaseIsDown() {
        // A template without a connection: sending a dead letter would fail, so only requeueing can pass.
        DeadLetterRecoverer recoverer = new DeadLetterRecoverer(new RabbitTemplate(), SyncTopology.DEAD_LETTER_EXCHANGE,
                SyncTopology.QUEUE, false);
        Message message = new Message("{}".getBytes(), new MessageProperties());
        ListenerExecutionFailedException failure = new ListenerExecutionFailedException("listener failed",
                new CannotGetJdbcConnectionException("database down"), message);

        assertThatThrownBy(() -> recoverer.recover(message, failure))
                .isInstanceOf(ImmediateRequeueAmqpException.class);
    }
}
