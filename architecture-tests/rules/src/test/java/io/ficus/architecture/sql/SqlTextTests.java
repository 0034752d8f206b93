package io.ficus.architecture.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.ficus.architecture.sql.TableReference.Kind;
import org.junit.jupiter.api.Test;

/** What the pattern-based SQL reader finds, and what it deliberately ignores. */
class SqlTextTests {

    @Test
    void findsQualifiedTablesInJoinsAndSubqueriesWithTheirLine() {
        List<TableReference> references = SqlText.references("""
                select s.id, o.customer
                  from shipping.shipment s
                  join orders.customer_order o on o.id = s.order_id
                 where s.id in (select id from orders.order_line)
                """);

        assertThat(references).extracting(TableReference::qualifiedName)
                .contains("shipping.shipment", "orders.customer_order", "orders.order_line");
        assertThat(references).filteredOn(reference -> "customer_order".equals(reference.table()))
                .singleElement().satisfies(reference -> {
                    assertThat(reference.line()).isEqualTo(3);
                    assertThat(reference.lineText()).isEqualTo("join orders.customer_order o on o.id = s.order_id");
                });
    }

    @Test
    void ignoresCommentsAndStringLiterals() {
        List<TableReference> references = SqlText.references("""
                -- copied from orders.customer_order
                select 'orders.customer_order' /* orders.order_line */ from shipping.shipment
                """);

        assertThat(references).extracting(TableReference::qualifiedName).containsExactly("shipping.shipment");
    }

    @Test
    void tellsForeignKeysAndCreatedTablesFromPlainUse() {
        List<TableReference> references = SqlText.references("""
                create table if not exists shipping.shipment (
                    order_id uuid not null references orders.customer_order (id)
                );
                insert into shipment_log (id) values (1);
                """);

        assertThat(references).extracting(TableReference::kind, TableReference::qualifiedName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.CREATE_TABLE, "shipping.shipment"),
                org.assertj.core.groups.Tuple.tuple(Kind.FOREIGN_KEY, "orders.customer_order"),
                org.assertj.core.groups.Tuple.tuple(Kind.USE, "shipment_log"));
    }

    @Test
    void recognisesSqlButNotLogMessages() {
        assertThat(SqlText.looksLikeSql("select id from orders.customer_order where id = ?")).isTrue();
        assertThat(SqlText.looksLikeSql("\n    insert into x (a) values (?)")).isTrue();
        assertThat(SqlText.looksLikeSql("Update failed for order {}")).isFalse();
        assertThat(SqlText.looksLikeSql("Selecting products from the catalog failed")).isFalse();
    }
}
