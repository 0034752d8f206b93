package io.ficus.gateway.routing;

/**
 * Hashes a caller key into one of 100 buckets. A caller is in a canary of N % when its bucket is below N, so
 * the same caller always lands on the same side for a given N and raising N only adds callers.
 */
public final class CanaryBuckets {

    public static final int BUCKETS = 100;

    private CanaryBuckets() {
    }

    public static int bucket(CharSequence key, int seed) {
        return Integer.remainderUnsigned(murmur3(key, seed), BUCKETS);
    }

    public static boolean inCanary(CharSequence key, int seed, int percent) {
        return percent >= BUCKETS || (percent > 0 && bucket(key, seed) < percent);
    }

    /** MurmurHash3 (x86, 32 bit) over the UTF-16 code units, two per block: no byte array per request. */
    static int murmur3(CharSequence key, int seed) {
        int h = seed;
        int length = key.length();
        int i = 0;
        for (; i + 1 < length; i += 2) {
            int k = key.charAt(i) | (key.charAt(i + 1) << 16);
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        if (i < length) {
            h ^= mixK(key.charAt(i));
        }
        h ^= length * 2;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        return k * 0x1b873593;
    }
}
