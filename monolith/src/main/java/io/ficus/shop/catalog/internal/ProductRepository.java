package io.ficus.shop.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products in the {@code catalog} schema, each write stamped with the next {@code catalog.product_version}. */
@Repository
class ProductRepository {

    private static final String COLUMNS = "sku, name, description, price, currency";
    private static final String NEXT_VERSION = "nextval('catalog.product_version')";

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Product> findBySku(String sku) {
        return jdbc.sql("select " + COLUMNS + " from catalog.product where sku = :sku")
                .param("sku", sku).query(Product.class).optional();
    }

    List<Product> findBySkus(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from catalog.product where sku in (:skus)")
                .param("skus", skus).query(Product.class).list();
    }

    List<Product> search(String query, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from catalog.product"
                        + " where :q = '' or name ilike :pattern or sku ilike :pattern"
                        + " order by sku limit :limit offset :offset")
                .param("q", query).param("pattern", likePattern(query))
                .param("limit", size).param("offset", (long) page * size)
                .query(Product.class).list();
    }

    long count(String query) {
        return jdbc.sql("select count(*) from catalog.product where :q = '' or name ilike :pattern or sku ilike :pattern")
                .param("q", query).param("pattern", likePattern(query))
                .query(Long.class).single();
    }

    /**
     * Up to {@code limit} live products with a SKU after {@code after}, by SKU in byte order ({@code COLLATE "C"}),
     * so that paging gives the same order whatever the database's collation (the service's may differ).
     */
    List<VersionedProduct> exportAfter(String after, int limit) {
        return jdbc.sql("select " + COLUMNS + ", version from catalog.product where sku collate \"C\" > :after"
                        + " order by sku collate \"C\" limit :limit")
                .param("after", after).param("limit", limit)
                .query(VersionedProduct.class).list();
    }

    /** Inserts or updates; returns whether the product was new and the version it got. */
    Saved save(Product product) {
        return jdbc.sql("insert into catalog.product (" + COLUMNS + ", version)"
                        + " values (:sku, :name, :description, :price, :currency, " + NEXT_VERSION + ")"
                        + " on conflict (sku) do update set name = excluded.name, description = excluded.description,"
                        + " price = excluded.price, currency = excluded.currency, version = excluded.version,"
                        + " updated_at = now()"
                        + " returning (xmax = 0) as created, version")
                .paramSource(product)
                .query((rs, n) -> new Saved(rs.getBoolean("created"), rs.getLong("version"))).single();
    }

    /** The version the new product got; empty when the SKU already existed (nothing written). */
    OptionalLong insertIfAbsent(Product product) {
        return jdbc.sql("insert into catalog.product (" + COLUMNS + ", version)"
                        + " values (:sku, :name, :description, :price, :currency, " + NEXT_VERSION + ")"
                        + " on conflict (sku) do nothing returning version")
                .paramSource(product).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Deletes the product, remembering the version of the delete; empty when there was no such product. */
    OptionalLong delete(String sku) {
        if (jdbc.sql("delete from catalog.product where sku = :sku").param("sku", sku).update() == 0) {
            return OptionalLong.empty();
        }
        long version = jdbc.sql("select " + NEXT_VERSION).query(Long.class).single();
        remember(sku, version);
        return OptionalLong.of(version);
    }

    /** The newest version known for the SKU, live or deleted, locking the live row; 0 when never seen. */
    long newestVersion(String sku) {
        long live = jdbc.sql("select version from catalog.product where sku = :sku for update")
                .param("sku", sku).query(Long.class).optional().orElse(0L);
        long deleted = jdbc.sql("select version from catalog.deleted_product where sku = :sku")
                .param("sku", sku).query(Long.class).optional().orElse(0L);
        return Math.max(live, deleted);
    }

    /** Writes a product exactly as it stands at a version decided elsewhere (a change applied from the service). */
    void put(VersionedProduct product) {
        jdbc.sql("insert into catalog.product (" + COLUMNS + ", version)"
                        + " values (:sku, :name, :description, :price, :currency, :version)"
                        + " on conflict (sku) do update set name = excluded.name, description = excluded.description,"
                        + " price = excluded.price, currency = excluded.currency, version = excluded.version,"
                        + " updated_at = now()")
                .paramSource(product).update();
    }

    /** Removes a product deleted elsewhere at the given version. */
    void remove(String sku, long version) {
        jdbc.sql("delete from catalog.product where sku = :sku").param("sku", sku).update();
        remember(sku, version);
    }

    /** Makes the next own write newer than a version that came from the other side. */
    void advanceVersionsPast(long version) {
        jdbc.sql("select setval('catalog.product_version',"
                        + " greatest((select last_value from catalog.product_version), :version))")
                .param("version", version).query(Long.class).single();
    }

    private void remember(String sku, long version) {
        jdbc.sql("insert into catalog.deleted_product (sku, version) values (:sku, :version)"
                        + " on conflict (sku) do update set version = greatest(catalog.deleted_product.version, excluded.version)")
                .param("sku", sku).param("version", version).update();
    }

    private static String likePattern(String query) {
        String escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    /** Outcome of an insert-or-update. */
    record Saved(boolean created, long version) {
    }
}
