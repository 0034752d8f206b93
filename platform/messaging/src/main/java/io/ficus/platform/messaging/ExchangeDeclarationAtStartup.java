package io.ficus.platform.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Declares the producer's exchanges once the application is ready, so consumers can bind before the first
 * event; a broker that is down only delays this to the first connection (Spring AMQP declares on connect).
 */
class ExchangeDeclarationAtStartup {

    private static final Logger log = LoggerFactory.getLogger(ExchangeDeclarationAtStartup.class);

    private final ObjectProvider<AmqpAdmin> admin;

    ExchangeDeclarationAtStartup(ObjectProvider<AmqpAdmin> admin) {
        this.admin = admin;
    }

    @EventListener(ApplicationReadyEvent.class)
    void declare() {
        admin.ifAvailable(amqpAdmin -> {
            try {
                amqpAdmin.initialize();
            }
            catch (AmqpException e) {
                log.warn("Could not declare exchanges yet (broker unreachable?): {}; they are declared on the next"
                        + " connection", e.getMessage());
            }
        });
    }
}
