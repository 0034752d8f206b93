package io.ficus.services.catalog.backfill;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.List;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Reads pages of the monolith's {@code GET /api/catalog/export} and checks that every row can be applied. */
@Component
class ExportClient {

    private final RestClient http;
    private final ObjectReader reader;
    private final int pageSize;

    ExportClient(RestClient.Builder builder, JsonMapper jsonMapper, BackfillSettings settings) {
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build());
        requestFactory.setReadTimeout(settings.readTimeout());
        this.http = builder.baseUrl(settings.sourceUrl().toString()).requestFactory(requestFactory).build();
        // The monolith may add fields to its export; that must not stop the copy.
        this.reader = jsonMapper.readerFor(Page.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.pageSize = settings.pageSize();
    }

    /** The page after {@code cursor} (exclusive; null = the first page). */
    Page fetch(String cursor) {
        byte[] body = http.get()
                .uri(uri -> {
                    uri.path("/api/catalog/export").queryParam("limit", pageSize);
                    if (cursor != null) {
                        uri.queryParam("after", cursor);
                    }
                    return uri.build();
                })
                .retrieve().body(byte[].class);
        Page page = body == null ? null : reader.readValue(body);
        if (page == null || page.items() == null) {
            throw new InvalidExport("the export answered without items");
        }
        page.items().forEach(Item::check);
        return page;
    }

    /** One export page as the monolith serves it. */
    record Page(List<Item> items, String next) {
    }

    /** One exported product. */
    record Item(String sku, String name, String description, BigDecimal price, String currency, Long version) {

        void check() {
            if (sku == null || sku.isBlank() || version == null || version <= 0 || name == null || price == null
                    || price.signum() < 0 || currency == null || currency.length() != 3) {
                throw new InvalidExport("the export holds an incomplete or invalid product: " + this);
            }
        }
    }

    /** The monolith answered something that is not a valid export page. */
    static final class InvalidExport extends RuntimeException {

        InvalidExport(String message) {
            super(message);
        }
    }
}
