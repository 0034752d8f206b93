package io.ficus.shop.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products in the {@code catalog} schema. */
@Repository
class ProductRepository {

    private static final String COLUMNS = "sku, name, description, price, currency";

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

    /** Inserts or updates; returns whether the product was new. */
    boolean save(Product product) {
        return jdbc.sql("insert into catalog.product (" + COLUMNS + ") values (:sku, :name, :description, :price, :currency)"
                        + " on conflict (sku) do update set name = excluded.name, description = excluded.description,"
                        + " price = excluded.price, currency = excluded.currency, updated_at = now()"
                        + " returning (xmax = 0)")
                .paramSource(product).query(Boolean.class).single();
    }

    boolean insertIfAbsent(Product product) {
        return jdbc.sql("insert into catalog.product (" + COLUMNS + ") values (:sku, :name, :description, :price, :currency)"
                        + " on conflict (sku) do nothing")
                .paramSource(product).update() == 1;
    }

    boolean delete(String sku) {
        return jdbc.sql("delete from catalog.product where sku = :sku").param("sku", sku).update() == 1;
    }

    private static String likePattern(String query) {
        String escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
