package io.ficus.gateway.shadow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What one route's shadow traffic has shown since startup: counts, mismatches by path, the last samples. */
final class ShadowStats {

    /** Paths counted one by one; a service that invents field names cannot grow the map without end. */
    static final int MAX_PATHS = 500;
    static final String OTHER_PATHS = "(other paths)";

    final LongAdder mirrored = new LongAdder();
    final LongAdder compared = new LongAdder();
    final LongAdder mismatches = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder tooLarge = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final LongAdder skipped = new LongAdder();

    private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
    private final int sampleCapacity;
    private final Deque<ShadowSample> samples = new ArrayDeque<>();

    ShadowStats(int sampleCapacity) {
        this.sampleCapacity = sampleCapacity;
    }

    /** A compared exchange; {@code differences} empty when the answers agree. */
    void compared(List<Difference> differences, ShadowSample sample) {
        compared.increment();
        if (differences.isEmpty()) {
            return;
        }
        mismatches.increment();
        Set<String> paths = new HashSet<>();
        for (Difference difference : differences) {
            if (paths.add(difference.path())) {
                count(difference.path());
            }
        }
        if (sampleCapacity > 0 && sample != null) {
            synchronized (samples) {
                if (samples.size() == sampleCapacity) {
                    samples.removeFirst();
                }
                samples.addLast(sample);
            }
        }
    }

    private void count(String path) {
        LongAdder counter = byPath.get(path);
        if (counter == null) {
            counter = byPath.size() < MAX_PATHS ? byPath.computeIfAbsent(path, p -> new LongAdder())
                    : byPath.computeIfAbsent(OTHER_PATHS, p -> new LongAdder());
        }
        counter.increment();
    }

    /** Mismatching exchanges per path, most frequent first. */
    Map<String, Long> mismatchesByPath() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        byPath.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }

    /** Newest first. */
    List<ShadowSample> samples() {
        synchronized (samples) {
            List<ShadowSample> newestFirst = new ArrayList<>(samples);
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }
}
