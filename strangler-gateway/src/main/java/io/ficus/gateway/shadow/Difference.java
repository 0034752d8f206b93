package io.ficus.gateway.shadow;

/**
 * One place where two answers differ.
 *
 * @param path    the normalized path, as counted and ignored ({@code $.items[*].price})
 * @param at      where exactly ({@code $.items[2].price}, or {@code $.items[sku=FIC-002].price} for a keyed array)
 * @param legacy  legacy's value as JSON text (cut at 200 characters), null when legacy has none there
 * @param service the service's value likewise
 */
public record Difference(String path, String at, String legacy, String service) {
}
