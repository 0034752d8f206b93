package io.ficus.services.catalog.products;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products in the {@code catalog} schema; tombstones ({@code deleted}) are never returned as products. */
@Repository
class ProductRepository {

    private static final String COLUMNS = "sku, name, description, price, currency";
    private static final String SEARCH = " where not deleted and (:q = '' or name ilike :pattern or sku ilike :pattern)";

    /**
     * Applies a change only if it is newer than what is stored; a tombstone keeps the last known fields.
     * Equal or older versions change nothing, which makes redelivery and reordering harmless.
     */
    private static final String APPLY_REPLICATED = """
            insert into catalog.product (sku, name, description, price, currency, version, deleted)
            values (:sku, :name, :description, :price, :currency, :version, :deleted)
            on conflict (sku) do update set
              name = case when excluded.deleted then product.name else excluded.name end,
              description = case when excluded.deleted then product.description else excluded.description end,
              price = case when excluded.deleted then product.price else excluded.price end,
              currency = case when excluded.deleted then product.currency else excluded.currency end,
              version = excluded.version, deleted = excluded.deleted, updated_at = now()
            where product.version < excluded.version""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    ProductRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    Optional<Product> findBySku(String sku) {
        return jdbc.sql("select " + COLUMNS + " from catalog.product where sku = :sku and not deleted")
                .param("sku", sku).query(Product.class).optional();
    }

    List<Product> search(String query, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from catalog.product" + SEARCH + " order by sku limit :limit offset :offset")
                .param("q", query).param("pattern", likePattern(query))
                .param("limit", size).param("offset", (long) page * size)
                .query(Product.class).list();
    }

    long count(String query) {
        return jdbc.sql("select count(*) from catalog.product" + SEARCH)
                .param("q", query).param("pattern", likePattern(query))
                .query(Long.class).single();
    }

    /** Live products after the given SKU (exclusive; null = from the start) in SKU order. */
    List<ExportPage.Item> exportAfter(String after, int limit) {
        return jdbc.sql("select " + COLUMNS + ", version from catalog.product"
                        + " where not deleted and (cast(:after as varchar) is null or sku > :after) order by sku limit :limit")
                .param("after", after).param("limit", limit)
                .query(ExportPage.Item.class).list();
    }

    /** Locks the product's row if there is one and tells whether it is a tombstone. */
    Optional<Boolean> lockDeletedFlag(String sku) {
        return jdbc.sql("select deleted from catalog.product where sku = :sku for update")
                .param("sku", sku).query(Boolean.class).optional();
    }

    /** Inserts a product unless a live one holds the SKU (a tombstone is replaced); returns whether it did. */
    boolean insertUnlessLive(Product product, long version) {
        return jdbc.sql("insert into catalog.product (" + COLUMNS + ", version) values (:sku, :name, :description, :price, :currency, :version)"
                        + " on conflict (sku) do update set name = excluded.name, description = excluded.description,"
                        + " price = excluded.price, currency = excluded.currency, version = excluded.version,"
                        + " deleted = false, created_at = now(), updated_at = now() where product.deleted")
                .paramSource(params(product, version)).update() == 1;
    }

    /** Inserts or updates; returns whether the row was inserted. */
    boolean save(Product product, long version) {
        return jdbc.sql("insert into catalog.product (" + COLUMNS + ", version) values (:sku, :name, :description, :price, :currency, :version)"
                        + " on conflict (sku) do update set name = excluded.name, description = excluded.description,"
                        + " price = excluded.price, currency = excluded.currency, version = excluded.version,"
                        + " deleted = false, updated_at = now()"
                        + " returning (xmax = 0)")
                .paramSource(params(product, version)).query(Boolean.class).single();
    }

    /** Turns a live product into a tombstone; returns whether there was one. */
    boolean markDeleted(String sku, long version) {
        return jdbc.sql("update catalog.product set deleted = true, version = :version, updated_at = now()"
                        + " where sku = :sku and not deleted")
                .param("sku", sku).param("version", version).update() == 1;
    }

    /** Applies each change by the version rule in one batch; returns how many were newer and applied. */
    int applyReplicated(List<ReplicatedProduct> changes) {
        SqlParameterSource[] rows = changes.stream().map(change -> new MapSqlParameterSource()
                .addValue("sku", change.sku()).addValue("name", change.name())
                .addValue("description", change.description() == null ? "" : change.description())
                .addValue("price", change.price()).addValue("currency", change.currency())
                .addValue("version", change.version()).addValue("deleted", change.deleted()))
                .toArray(SqlParameterSource[]::new);
        int applied = 0;
        for (int count : batch.batchUpdate(APPLY_REPLICATED, rows)) {
            applied += Math.max(count, 0);
        }
        return applied;
    }

    private static MapSqlParameterSource params(Product product, long version) {
        return new MapSqlParameterSource().addValue("sku", product.sku()).addValue("name", product.name())
                .addValue("description", product.description()).addValue("price", product.price())
                .addValue("currency", product.currency()).addValue("version", version);
    }

    private static String likePattern(String query) {
        String escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
