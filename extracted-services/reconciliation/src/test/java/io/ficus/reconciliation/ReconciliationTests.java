package io.ficus.reconciliation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconciliationTests {

    FakeExport left;
    FakeExport right;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startExports() throws IOException {
        left = new FakeExport();
        right = new FakeExport();
    }

    @AfterEach
    void stopExports() {
        left.close();
        right.close();
    }

    @Test
    void identicalExportsAreCleanAcrossManyPages() {
        left.products(7);
        right.products(7);

        int exit = command("--page-size", "2");

        assertThat(exit).isZero();
        assertThat(output()).contains("(7 records)", "missing on right: 0", "extra on right: 0", "result: CLEAN");
        assertThat(left.requests()).containsExactly("limit=2", "limit=2&after=GEN-00001", "limit=2&after=GEN-00003",
                "limit=2&after=GEN-00005");
    }

    @Test
    void aRecordMissingOnTheRightIsNamedByItsKey() {
        left.product("FIC-001", "Ficus", "19.99", 3).product("FIC-002", "Fig", "9.50", 4);
        right.product("FIC-001", "Ficus", "19.99", 3);

        int exit = command();

        assertThat(exit).isEqualTo(1);
        assertThat(output()).contains("missing on right: 1\n  FIC-002\n", "extra on right: 0", "result: DIFFERENT");
    }

    @Test
    void aRecordOnlyOnTheRightIsReportedAsExtra() {
        left.product("FIC-001", "Ficus", "19.99", 3);
        right.product("FIC-001", "Ficus", "19.99", 3).product("ZZ-9", "Stray", "1.00", 1);

        int exit = command();

        assertThat(exit).isEqualTo(1);
        assertThat(output()).contains("extra on right: 1\n  ZZ-9\n", "missing on right: 0");
    }

    @Test
    void everyDifferingFieldIsNamedWithBothValues() {
        left.product("FIC-001", "Ficus", "19.99", 3).product("FIC-002", "Fig", "9.50", 4);
        right.product("FIC-001", "Ficus", "18.00", 3).product("FIC-002", "Fig", "9.50", 5);

        ReconciliationReport report = Reconciliation.between(left.uri(), right.uri()).key("sku").run();

        assertThat(report.isClean()).isFalse();
        assertThat(report.differences()).containsExactly(
                new FieldDifference("FIC-001", "price", "\"19.99\"", "\"18.00\""),
                new FieldDifference("FIC-002", "version", "4", "5"));
        assertThat(report.render(50)).contains("differing fields (2 records): 2", "FIC-001 price: left \"19.99\", right \"18.00\"");
    }

    @Test
    void ignoredFieldsAreNotCompared() {
        left.product("FIC-001", "Ficus", "19.99", 3);
        right.product("FIC-001", "Ficus", "19.99", 9);

        assertThat(command("--ignore", "version")).isZero();
    }

    @Test
    void longListsAreCutAfterTheLineLimit() {
        left.products(30);

        int exit = command("--max-lines", "5");

        assertThat(exit).isEqualTo(1);
        assertThat(output()).contains("missing on right: 30", "GEN-00004", "… and 25 more").doesNotContain("GEN-00005");
    }

    @Test
    void anEndpointThatFailsIsAnErrorNamingIt() {
        left.products(2);
        right.failingWith(503);

        int exit = command();

        assertThat(exit).isEqualTo(2);
        assertThat(error()).contains(right.uri().toString(), "answered 503");
    }

    @Test
    void anExportThatDoesNotAdvanceIsAnErrorInsteadOfALoop() {
        left.products(3).stuckAt("GEN-00000");
        right.products(3);

        assertThatThrownBy(() -> Reconciliation.between(left.uri(), right.uri()).key("sku").pageSize(1).run())
                .isInstanceOf(ReconciliationException.class)
                .hasMessageContaining("did not advance");
    }

    @Test
    void anUnreachableEndpointIsAnError() {
        left.products(1);
        right.close();

        assertThat(command()).isEqualTo(2);
        assertThat(error()).contains("unreachable after 3 attempts");
    }

    @Test
    void missingOrUnknownOptionsAreUsageErrors() {
        assertThat(ReconciliationCommand.run(new String[] { "--left", left.uri().toString() }, print(out), print(err)))
                .isEqualTo(2);
        assertThat(error()).contains("--right is required", "usage:");
        assertThat(ReconciliationCommand.run(new String[] { "--left", "x", "--right", "y", "--colour", "red" },
                print(out), print(err))).isEqualTo(2);
        assertThat(error()).contains("unknown option --colour");
    }

    @Test
    void aBearerTokenIsSentToBothSidesWhenGiven() {
        left.products(2).requiringToken("staff-token");
        right.products(2).requiringToken("staff-token");

        assertThat(command()).isEqualTo(2);
        assertThat(error()).contains("answered 401");
        String[] args = { "--left", left.uri().toString(), "--right", right.uri().toString(), "--key", "sku" };
        assertThat(ReconciliationCommand.run(args, print(out), print(err), "staff-token")).isZero();
        assertThat(output()).contains("result: CLEAN");
    }

    @Test
    void keysOtherThanSkuWorkForOtherExports() {
        left.product("A-1", "x", "1.00", 1);
        right.product("A-1", "x", "1.00", 1);

        ReconciliationReport report = Reconciliation.between(left.uri(), right.uri()).key("name").ignoring(Set.of()).run();

        assertThat(report.isClean()).isTrue();
        assertThat(report.leftCount()).isEqualTo(1);
    }

    private int command(String... extra) {
        String[] base = { "--left", left.uri().toString(), "--right", right.uri().toString(), "--key", "sku" };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return ReconciliationCommand.run(args, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
