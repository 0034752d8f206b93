package io.ficus.services.catalog.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ficus.services.catalog.products.ProductReplica;
import io.ficus.services.catalog.products.ReplicatedProduct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies every product from the monolith's export into this service, page by page. Each page is applied by
 * the version rule (so copying twice changes nothing) in the same transaction that moves the cursor (so a
 * run killed at any point resumes after the last page applied). At startup it runs on a background thread
 * unless a completed backfill is recorded: the service is healthy and follows events meanwhile. Instances started
 * together share the work through the cursor row: a page is applied only by the instance whose page starts where the
 * stored cursor stands (the row is locked meanwhile); the others skip to the stored cursor.
 */
@Component
class Backfill implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final ExportClient export;
    private final ProductReplica replica;
    private final BackfillStateRepository states;
    private final TransactionTemplate transactions;
    private final BackfillSettings settings;

    private volatile Thread worker;
    /** Opened by {@link #stop()}: a backoff between retries ends at once when the service stops. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    Backfill(ExportClient export, ProductReplica replica, BackfillStateRepository states,
            TransactionTemplate transactions, BackfillSettings settings) {
        this.export = export;
        this.replica = replica;
        this.states = states;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Backfill from {} is switched off (ficus.catalog.backfill.enabled=false)", settings.sourceUrl());
            return;
        }
        Thread thread = new Thread(this::runQuietly, "catalog-backfill");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        stopping.countDown();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void runQuietly() {
        try {
            run();
        }
        catch (RuntimeException e) {
            // The database itself failed; the state row says RUNNING, so the next start resumes.
            log.error("Backfill from {} stopped: {}; restart the service to resume", settings.sourceUrl(), e.toString());
        }
    }

    /** Runs the backfill to its end on the calling thread, unless one has completed already. */
    BackfillState run() {
        if (states.find().filter(BackfillState::completed).isPresent()) {
            log.info("Backfill from {} completed earlier; not copying again", settings.sourceUrl());
            return states.find().orElseThrow();
        }
        BackfillState state = states.begin();
        log.info("Backfill from {} {}", settings.sourceUrl(),
                state.cursor() == null ? "starts" : "resumes after " + state.cursor() + " (" + state.rowsCopied() + " products copied before)");
        Progress progress = new Progress(state.rowsCopied());
        String cursor = state.cursor();
        while (true) {
            ExportClient.Page page;
            try {
                page = fetchWithRetries(cursor);
            }
            catch (GaveUp e) {
                states.fail(e.getMessage());
                log.error("Backfill from {} gave up after {} attempts at cursor {}: {}. Restart the service to resume from there.",
                        settings.sourceUrl(), settings.maxAttempts(), cursor, e.getMessage());
                return states.find().orElseThrow();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.info("Backfill interrupted at cursor {}; it resumes at the next start", cursor);
                return states.find().orElseThrow();
            }
            if (page.items().isEmpty()) {
                break;
            }
            String pageCursor = page.items().get(page.items().size() - 1).sku();
            List<ReplicatedProduct> changes = page.items().stream()
                    .map(item -> ReplicatedProduct.live(item.sku(), item.version(), item.name(), item.description(),
                            item.price(), item.currency()))
                    .toList();
            String pageStart = cursor;
            boolean lastPage = page.next() == null;
            BackfillState overtaken = transactions.execute(tx -> {
                BackfillState now = states.lockForPage();
                if (now.completed() || !Objects.equals(now.cursor(), pageStart)) {
                    return now; // another instance applied this page (or more) first
                }
                replica.apply(changes);
                states.advance(pageCursor, changes.size());
                if (lastPage) {
                    // with the last page, not after it: an instance waiting on this lock then finds the backfill
                    // complete, instead of asking the export for a page after the last one
                    states.complete();
                }
                return null;
            });
            if (overtaken != null) {
                if (overtaken.completed()) {
                    log.info("Backfill from {} completed by another instance", settings.sourceUrl());
                    return overtaken;
                }
                cursor = overtaken.cursor();
                continue;
            }
            cursor = pageCursor;
            progress.copied(changes.size(), cursor);
            if (lastPage) {
                progress.finished();
                return states.find().orElseThrow();
            }
            if (Thread.currentThread().isInterrupted()) {
                log.info("Backfill interrupted at cursor {}; it resumes at the next start", cursor);
                return states.find().orElseThrow();
            }
        }
        states.complete();
        progress.finished();
        return states.find().orElseThrow();
    }

    private ExportClient.Page fetchWithRetries(String cursor) throws GaveUp, InterruptedException {
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return export.fetch(cursor);
            }
            catch (RuntimeException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new GaveUp(e.getMessage());
                }
                log.warn("Backfill: export page after {} failed (attempt {} of {}): {}; retrying in {} ms",
                        cursor, attempt, settings.maxAttempts(), e.getMessage(), backoff.toMillis());
                if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InterruptedException("the service is stopping");
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
            }
        }
    }

    /** The export stayed unreachable or malformed through every attempt. */
    private static final class GaveUp extends Exception {

        GaveUp(String message) {
            super(message);
        }
    }

    /** Counts copied products and logs the rate now and then, so a long copy shows it is alive. */
    private static final class Progress {

        private final long startNanos = System.nanoTime();
        private final long copiedBefore;
        private long copied;
        private long lastLogNanos = startNanos;

        Progress(long copiedBefore) {
            this.copiedBefore = copiedBefore;
        }

        void copied(int rows, String cursor) {
            copied += rows;
            long now = System.nanoTime();
            if (now - lastLogNanos >= PROGRESS_INTERVAL.toNanos()) {
                lastLogNanos = now;
                log.info("Backfill: {} products copied in this run ({} in all) at {} products/s, cursor {}",
                        copied, copiedBefore + copied, rate(now), cursor);
            }
        }

        void finished() {
            long now = System.nanoTime();
            log.info("Backfill complete: {} products copied in this run ({} in all) in {} ms, {} products/s",
                    copied, copiedBefore + copied, Duration.ofNanos(now - startNanos).toMillis(), rate(now));
        }

        private long rate(long now) {
            double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
            return Math.round(copied / seconds);
        }
    }
}
