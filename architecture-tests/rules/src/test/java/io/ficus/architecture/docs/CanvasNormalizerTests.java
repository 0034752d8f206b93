package io.ficus.architecture.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The canvas lists come out in one order whatever order Spring Modulith found their entries in. */
class CanvasNormalizerTests {

    @Test
    void sortsEachCellsBulletListKeepingNestedItemsWithTheirParent() {
        String canvas = """
                |===
                |Events listened to
                |* `b.Second` (async)
                * `a.First` (async)
                ** `a.First.detail`
                |Bean references
                |* `z.Z`
                * `y.Y`
                |===""";

        assertThat(CanvasNormalizer.normalize(canvas)).isEqualTo("""
                |===
                |Events listened to
                |* `a.First` (async)
                ** `a.First.detail`
                * `b.Second` (async)
                |Bean references
                |* `y.Y`
                * `z.Z`
                |===""");
    }
}
