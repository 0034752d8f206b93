package io.ficus.shop.notifications.internal;

import java.util.UUID;

/**
 * A notification as the reconciliation compares it: only what both sides must agree on (no row id, no send
 * time, which each side chooses itself), keyed by order and kind.
 */
record ExportItem(String key, String customer, UUID orderId, String type, String message) {
}
