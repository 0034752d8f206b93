package io.ficus.shop.notifications.internal;

import java.util.List;

/** One page of the export, ordered by key; {@code next} is null on the last page. */
record ExportPage(List<ExportItem> items, String next) {
}
