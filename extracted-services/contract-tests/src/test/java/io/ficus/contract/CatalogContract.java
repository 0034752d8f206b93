package io.ficus.contract;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's HTTP contract: every {@code /api/catalog/**} route with its fields, paging, search, statuses and
 * problem+json errors. Each subclass starts one application and the same tests run against it unchanged; each
 * test makes its own products (SKUs unique to the run), so the suite needs no particular data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogContract {

    static final String PRODUCTS = "/api/catalog/products";
    static final String EXPORT = "/api/catalog/export";
    static final String[] PRODUCT_FIELDS = { "sku", "name", "description", "price", "currency" };
    static final String[] EXPORT_FIELDS = { "sku", "name", "description", "price", "currency", "version" };

    private final String run = "CT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private final AtomicInteger counter = new AtomicInteger();

    /** The side under test, e.g. {@code monolith}; named in every failure. */
    abstract String side();

    /** Its base URL, e.g. {@code http://127.0.0.1:40123}. */
    abstract String baseUrl();

    /** As staff: catalog writes need the staff role on both sides. */
    CatalogHttp http() {
        return CatalogHttp.asStaff(side(), baseUrl());
    }

    /** A SKU nobody else uses: the run's prefix and a counter, so SKUs sort in the order they were made. */
    String newSku() {
        return run + "-" + String.format("%04d", counter.incrementAndGet());
    }

    /** A word that only the products of one test carry in their name. */
    String newWord() {
        return "word" + run.toLowerCase(Locale.ROOT) + "x" + counter.incrementAndGet();
    }

    static String productJson(String sku, String name, String description, String price, String currency) {
        return """
                {"sku": %s, "name": %s, "description": %s, "price": %s, "currency": %s}"""
                .formatted(quoted(sku), quoted(name), quoted(description), price, quoted(currency));
    }

    static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    String create(String name, String price) {
        String sku = newSku();
        http().post(PRODUCTS, productJson(sku, name, "made by the contract suite", price, "EUR")).hasStatus(201);
        return sku;
    }

    // --- list and search ---

    @Test
    void listingHasItemsPageSizeAndTotalWithTheProductFields() {
        String word = newWord();
        List<String> skus = List.of(create("Ficus " + word + " one", "10.00"), create("Ficus " + word + " two", "11.00"),
                create("Ficus " + word + " three", "12.00"));

        ContractResponse first = http().get(PRODUCTS + "?q=" + word + "&page=0&size=2")
                .hasStatus(200).hasContentType("application/json")
                .hasFieldNames("", "items", "page", "size", "total")
                .hasField("page", 0).hasField("size", 2).hasField("total", 3)
                .hasArraySize("items", 2)
                .hasFieldNames("items[0]", PRODUCT_FIELDS)
                .hasField("items[0].sku", skus.get(0)).hasField("items[1].sku", skus.get(1));
        first.hasField("items[0].price", "10.00").hasField("items[0].currency", "EUR")
                .hasField("items[0].name", "Ficus " + word + " one");

        http().get(PRODUCTS + "?q=" + word + "&page=1&size=2")
                .hasStatus(200).hasField("page", 1).hasField("total", 3)
                .hasArraySize("items", 1).hasField("items[0].sku", skus.get(2));

        http().get(PRODUCTS + "?q=" + word + "&page=5&size=2")
                .hasStatus(200).hasField("total", 3).hasArraySize("items", 0);
    }

    @Test
    void listingDefaultsToTheFirstPageOfTwenty() {
        create("Default paging " + newWord(), "1.00");

        ContractResponse page = http().get(PRODUCTS).hasStatus(200).hasField("page", 0).hasField("size", 20);
        assertThat(page.field("total").asLong()).as(page.endpoint() + " total").isPositive();
        assertThat(page.field("items").size()).as(page.endpoint() + " items").isBetween(1, 20);
    }

    @Test
    void listingIsOrderedBySku() {
        String word = newWord();
        String later = create("Order " + word, "1.00");
        String earlier = "CS" + newSku().substring(2); // run SKUs start with CT: this one sorts before them
        http().post(PRODUCTS, productJson(earlier, "Order " + word, "", "1.00", "EUR")).hasStatus(201);

        http().get(PRODUCTS + "?q=" + word).hasStatus(200)
                .hasField("items[0].sku", earlier).hasField("items[1].sku", later);
    }

    @Test
    void searchMatchesNameOrSkuIgnoringCase() {
        String word = newWord();
        String sku = create("Weeping " + word.toUpperCase(Locale.ROOT), "3.00");
        create("Something else entirely", "3.00");

        http().get(PRODUCTS + "?q=" + word).hasStatus(200).hasField("total", 1).hasField("items[0].sku", sku);
        http().get(PRODUCTS + "?q=" + sku.toLowerCase(Locale.ROOT)).hasStatus(200)
                .hasField("total", 1).hasField("items[0].sku", sku);
        http().get(PRODUCTS + "?q=" + newWord()).hasStatus(200).hasField("total", 0).hasArraySize("items", 0);
    }

    @Test
    void listingRejectsBadPagingParametersNamingThem() {
        http().get(PRODUCTS + "?size=0").isProblem(400).namesInvalidField("size");
        http().get(PRODUCTS + "?size=101").isProblem(400).namesInvalidField("size");
        http().get(PRODUCTS + "?page=-1").isProblem(400).namesInvalidField("page");
        http().get(PRODUCTS + "?q=" + "x".repeat(101)).isProblem(400).namesInvalidField("q");
        http().get(PRODUCTS + "?page=first").isProblem(400);
    }

    // --- one product ---

    @Test
    void aProductIsServedBySkuWithItsFields() {
        String sku = newSku();
        http().post(PRODUCTS, productJson(sku, "Fiddle-leaf fig", "Tall and glossy", "49.90", "EUR")).hasStatus(201);

        http().get(PRODUCTS + "/" + sku).hasStatus(200).hasContentType("application/json")
                .hasFieldNames("", PRODUCT_FIELDS)
                .hasField("sku", sku).hasField("name", "Fiddle-leaf fig").hasField("description", "Tall and glossy")
                .hasField("price", "49.90").hasField("currency", "EUR");
    }

    @Test
    void anUnknownSkuIsNotFound() {
        http().get(PRODUCTS + "/" + newSku()).isProblem(404);
    }

    // --- writes ---

    @Test
    void creatingAnswers201WithLocationAndTheProduct() {
        String sku = newSku();

        http().post(PRODUCTS, """
                        {"sku": "%s", "name": "Rubber plant", "price": 15, "currency": "EUR"}""".formatted(sku))
                .hasStatus(201).hasHeader("Location", PRODUCTS + "/" + sku)
                .hasFieldNames("", PRODUCT_FIELDS)
                .hasField("sku", sku).hasField("name", "Rubber plant").hasField("description", "")
                .hasField("price", "15").hasField("currency", "EUR");
        http().get(PRODUCTS + "/" + sku).hasStatus(200).hasField("description", "");
    }

    @Test
    void creatingAnExistingSkuIsAConflictAndChangesNothing() {
        String sku = create("Original", "5.00");

        http().post(PRODUCTS, productJson(sku, "Impostor", "", "1.00", "EUR")).isProblem(409);
        http().get(PRODUCTS + "/" + sku).hasStatus(200).hasField("name", "Original").hasField("price", "5.00");
    }

    @Test
    void updatingReplacesTheProduct() {
        String sku = create("Before", "5.00");

        http().put(PRODUCTS + "/" + sku, productJson(null, "After", "new text", "6.50", "USD"))
                .hasStatus(200).hasFieldNames("", PRODUCT_FIELDS)
                .hasField("sku", sku).hasField("name", "After").hasField("price", "6.50").hasField("currency", "USD");
        http().get(PRODUCTS + "/" + sku).hasStatus(200)
                .hasField("name", "After").hasField("description", "new text").hasField("price", "6.50")
                .hasField("currency", "USD");
    }

    @Test
    void puttingANewSkuCreatesIt() {
        String sku = newSku();

        http().put(PRODUCTS + "/" + sku, productJson(sku, "Put-created", "", "2.00", "EUR"))
                .hasStatus(201).hasHeader("Location", PRODUCTS + "/" + sku).hasField("sku", sku);
        http().get(PRODUCTS + "/" + sku).hasStatus(200).hasField("name", "Put-created");
    }

    @Test
    void updatingWithADifferentSkuInTheBodyIsRefused() {
        String sku = create("Stays", "5.00");

        http().put(PRODUCTS + "/" + sku, productJson(newSku(), "Moved", "", "5.00", "EUR")).isProblem(400);
        http().get(PRODUCTS + "/" + sku).hasStatus(200).hasField("name", "Stays");
    }

    @Test
    void deletingAnswers204ThenTheProductIsGone() {
        String sku = create("Short-lived", "5.00");

        http().delete(PRODUCTS + "/" + sku).hasStatus(204).hasNoBody();
        http().get(PRODUCTS + "/" + sku).isProblem(404);
        http().delete(PRODUCTS + "/" + sku).isProblem(404);
    }

    @Test
    void invalidFieldsAreRefusedNamingEachField() {
        http().post(PRODUCTS, productJson("lower-case", "", "", "-1", "euro")).isProblem(400)
                .namesInvalidField("sku").namesInvalidField("name").namesInvalidField("price")
                .namesInvalidField("currency");
        http().post(PRODUCTS, productJson(newSku(), "Too precise", "", "1.005", "EUR")).isProblem(400)
                .namesInvalidField("price");
        http().post(PRODUCTS, productJson(newSku(), "x".repeat(201), "", "1.00", "EUR")).isProblem(400)
                .namesInvalidField("name");
        http().post(PRODUCTS, productJson(newSku(), "No currency", "", "1.00", null)).isProblem(400)
                .namesInvalidField("currency");
        String sku = create("Valid", "1.00");
        http().put(PRODUCTS + "/" + sku, productJson(null, "Valid", "", null, "EUR")).isProblem(400)
                .namesInvalidField("price");
    }

    @Test
    void creatingWithoutSkuIsABadRequest() {
        http().post(PRODUCTS, """
                {"name": "Nameless", "price": "1.00", "currency": "EUR"}""").isProblem(400);
    }

    @Test
    void unknownFieldsInABodyAreABadRequest() {
        http().post(PRODUCTS, """
                {"sku": "%s", "name": "x", "price": "1.00", "currency": "EUR", "colour": "green"}"""
                .formatted(newSku())).isProblem(400);
    }

    @Test
    void malformedJsonIsABadRequest() {
        http().post(PRODUCTS, "{\"sku\": \"" + newSku() + "\", \"name\": ").isProblem(400);
        http().put(PRODUCTS + "/" + newSku(), "not json at all").isProblem(400);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        http().send("POST", PRODUCTS, productJson(newSku(), "x", "", "1.00", "EUR"), "text/plain").isProblem(415);
        http().send("PUT", PRODUCTS + "/" + newSku(), "<product/>", "application/xml").isProblem(415);
    }

    @Test
    void anUnsupportedMethodIsRefusedWithTheAllowedOnes() {
        ContractResponse collection = http().send("DELETE", PRODUCTS, null, null).isProblem(405);
        assertThat(collection.header("Allow")).as(collection.endpoint() + " header 'Allow'").contains("GET", "POST");
        ContractResponse item = http().send("PATCH", PRODUCTS + "/" + newSku(), "{}", "application/json").isProblem(405);
        assertThat(item.header("Allow")).as(item.endpoint() + " header 'Allow'").contains("GET", "PUT", "DELETE");
    }

    // --- hostile input: refused the same way on both sides (platform/web), naming the field ---

    @Test
    void controlAndBidiCharactersInABodyAreRefusedNamingTheFieldAndNothingIsStored() {
        String sku = newSku();
        http().post(PRODUCTS, productJson(sku, "Fig\\u0000", "", "1.00", "EUR")).isProblem(400)
                .namesInvalidField("name");
        http().post(PRODUCTS, productJson(sku, "Fig", "left\\u202eright", "1.00", "EUR")).isProblem(400)
                .namesInvalidField("description");
        http().get(PRODUCTS + "/" + sku).isProblem(404);
    }

    @Test
    void jsonThatIsNotStrictIsRefusedNamingTheField() {
        String sku = newSku();
        http().post(PRODUCTS, """
                {"sku": "%s", "name": "First", "name": "Second", "price": "1.00", "currency": "EUR"}"""
                .formatted(sku)).isProblem(400).namesInvalidField("name");
        http().post(PRODUCTS, """
                {"sku": "%s", "name": 42, "price": "1.00", "currency": "EUR"}""".formatted(sku)).isProblem(400)
                .namesInvalidField("name");
        http().post(PRODUCTS, """
                {"sku": "%s", "name": "x", "price": "1.00", "currency": "EUR", "colour": "green"}"""
                .formatted(sku)).isProblem(400).namesInvalidField("colour");
        http().get(PRODUCTS + "/" + sku).isProblem(404);
    }

    @Test
    void hostileParametersAreRefusedNamingThem() {
        http().get(PRODUCTS + "?size=1.5").isProblem(400).namesInvalidField("size");
        http().get(PRODUCTS + "?q=fig%00").isProblem(400).namesInvalidField("q");
        http().get(PRODUCTS + "?q=%E2%80%AEgif").isProblem(400).namesInvalidField("q");
        http().get(PRODUCTS + "?q=%C0%AF").isProblem(400).namesInvalidField("q");
        http().get(EXPORT + "?limit=1.5").isProblem(400).namesInvalidField("limit");
    }

    @Test
    void anOversizeBodyTraceAndMultipartAreRefused() {
        String big = productJson(newSku(), "Big", "x".repeat(70 * 1024), "1.00", "EUR");
        http().post(PRODUCTS, big).isProblem(413);
        http().send("TRACE", PRODUCTS, null, null).isProblem(405);
        http().send("POST", PRODUCTS, "--x--", "multipart/form-data; boundary=x").isProblem(415);
    }

    // --- export (backfill and reconciliation) ---

    @Test
    void exportPagesProductsBySkuWithTheirVersion() {
        String first = create("Exported one", "7.00");
        String second = create("Exported two", "8.00");

        ContractResponse firstPage = http().get(EXPORT + "?limit=1&after=" + justBefore(first))
                .hasStatus(200).hasContentType("application/json").hasFieldNames("", "items", "next")
                .hasArraySize("items", 1).hasFieldNames("items[0]", EXPORT_FIELDS)
                .hasField("items[0].sku", first).hasField("items[0].name", "Exported one")
                .hasField("items[0].description", "made by the contract suite")
                .hasField("items[0].price", "7.00").hasField("items[0].currency", "EUR")
                .hasNumberField("items[0].version")
                .hasField("next", first);
        http().get(EXPORT + "?limit=1&after=" + firstPage.field("next").asString()).hasStatus(200)
                .hasArraySize("items", 1).hasField("items[0].sku", second).hasNumberField("items[0].version");
        ContractResponse both = http().get(EXPORT + "?limit=2&after=" + justBefore(first)).hasStatus(200)
                .hasArraySize("items", 2).hasField("items[0].sku", first).hasField("items[1].sku", second);
        JsonNode next = both.field("next");
        if (!next.isNull() && !next.asString().equals(second)) {
            throw both.failure("field 'next' is " + next + ", expected null or the last item's sku " + second);
        }
    }

    @Test
    void exportEndsWithANullNext() {
        String last = "ZZZZ" + run;
        http().post(PRODUCTS, productJson(last, "Last of all", "", "1.00", "EUR")).hasStatus(201);

        http().get(EXPORT + "?after=" + last).hasStatus(200).hasArraySize("items", 0).hasField("next", null);
        ContractResponse onlyLast = http().get(EXPORT + "?limit=1000&after=" + last.substring(0, last.length() - 1));
        onlyLast.hasStatus(200).hasField("items[0].sku", last).hasField("next", null);
        http().delete(PRODUCTS + "/" + last).hasStatus(204);
    }

    @Test
    void exportDefaultsToFiveHundredFromTheStartInSkuOrder() {
        create("Default export", "1.00");

        ContractResponse page = http().get(EXPORT).hasStatus(200);
        int size = page.field("items").size();
        assertThat(size).as(page.endpoint() + " items").isBetween(1, 500);
        List<String> skus = page.values("items", "sku");
        assertThat(skus).as(page.endpoint() + " items[].sku").isSorted();
    }

    @Test
    void aChangeRaisesTheVersionAndADeleteLeavesTheExport() {
        String sku = create("Versioned", "1.00");
        long before = exported(sku).field("items[0].version").asLong();

        http().put(PRODUCTS + "/" + sku, productJson(sku, "Versioned", "", "1.50", "EUR")).hasStatus(200);
        ContractResponse after = exported(sku).hasField("items[0].price", "1.50");
        assertThat(after.field("items[0].version").asLong())
                .as(after.endpoint() + " field 'items[0].version' after an update").isGreaterThan(before);

        http().delete(PRODUCTS + "/" + sku).hasStatus(204);
        ContractResponse gone = http().get(EXPORT + "?limit=1&after=" + justBefore(sku)).hasStatus(200);
        if (!gone.field("items").isEmpty()) {
            assertThat(gone.field("items[0].sku").asString()).as(gone.endpoint() + " field 'items[0].sku'")
                    .isNotEqualTo(sku);
        }
    }

    @Test
    void exportRejectsABadLimitNamingIt() {
        for (String limit : List.of("0", "1001", "-5", "many")) {
            ContractResponse answer = http().get(EXPORT + "?limit=" + limit).isProblem(400);
            String problem = answer.field("").toString();
            if (!problem.contains("limit")) {
                throw answer.failure("the problem does not name 'limit'");
            }
        }
    }

    private ContractResponse exported(String sku) {
        return http().get(EXPORT + "?limit=1&after=" + justBefore(sku)).hasStatus(200).hasField("items[0].sku", sku);
    }

    /** A key sorting immediately before {@code sku} among our generated SKUs (they end in four digits). */
    private static String justBefore(String sku) {
        char last = sku.charAt(sku.length() - 1);
        return last == '0' ? sku.substring(0, sku.length() - 1) : sku.substring(0, sku.length() - 1) + (char) (last - 1);
    }
}
