package io.ficus.contract;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The suite's own assertions: each failure names the side, the endpoint and the field that differs. */
class ContractResponseTests {

    static ContractResponse answer(int status, String contentType, String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true);
        return new ContractResponse("catalog-service", "GET /api/catalog/products/FIC-001", status, headers, body);
    }

    @Test
    void aDifferentValueNamesTheEndpointTheFieldAndBothValues() {
        ContractResponse response = answer(200, "application/json", """
                {"sku": "FIC-001", "price": "12.5", "items": [{"sku": "A"}]}""");

        assertThatThrownBy(() -> response.hasField("price", "12.50"))
                .hasMessageStartingWith("catalog-service GET /api/catalog/products/FIC-001: field 'price' is \"12.5\", expected \"12.50\"");
        assertThatThrownBy(() -> response.hasField("items[0].sku", "B"))
                .hasMessageContaining("field 'items[0].sku' is \"A\", expected \"B\"");
    }

    @Test
    void aMissingOrExtraFieldIsNamed() {
        ContractResponse response = answer(200, "application/json", """
                {"sku": "FIC-001", "colour": "green"}""");

        assertThatThrownBy(() -> response.field("items[2].sku")).hasMessageContaining("field 'items' is missing");
        assertThatThrownBy(() -> response.hasFieldNames("", "sku", "name"))
                .hasMessageContaining("unexpected [colour], missing [name]");
    }

    @Test
    void aWrongStatusOrMediaTypeIsNamed() {
        ContractResponse response = answer(400, "application/json", "{\"status\": 400}");

        assertThatThrownBy(() -> response.hasStatus(200)).hasMessageContaining("status is 400, expected 200");
        assertThatThrownBy(() -> response.isProblem(400))
                .hasMessageContaining("header 'Content-Type' is application/json, expected application/problem+json");
    }

    @Test
    void aValidationProblemMustNameTheField() {
        ContractResponse response = answer(400, "application/problem+json", """
                {"status": 400, "errors": [{"field": "name", "message": "must not be blank"}]}""");

        assertThatThrownBy(() -> response.namesInvalidField("price"))
                .hasMessageContaining("field 'errors' names [name], expected it to name 'price'");
    }
}
