package io.ficus.shop.shipping.internal;

import java.util.List;

/** One page of shipments. */
record ShipmentPage(List<Shipment> items, int page, int size, long total) {
}
