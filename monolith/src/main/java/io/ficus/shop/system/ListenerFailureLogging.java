package io.ficus.shop.system;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.stereotype.Component;

/**
 * Reports a failed event listener as a one-line warning: its publication stays incomplete and is retried,
 * so a stack trace at ERROR for every transient failure would only drown the log.
 */
@Component
class ListenerFailureLogging implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailureLogging.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ListenerFailureLogging::logFailedListener;
    }

    private static void logFailedListener(Throwable failure, Method method, Object... arguments) {
        log.warn("{}.{} failed and will be retried: {}", method.getDeclaringClass().getSimpleName(), method.getName(),
                failure.toString());
        log.debug("Listener failure detail", failure);
    }
}
