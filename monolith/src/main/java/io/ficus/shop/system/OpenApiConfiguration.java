package io.ficus.shop.system;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.ficus.platform.security.EndpointRule;
import io.ficus.platform.security.EndpointRules;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document a client generator can use: a title, version and description; operation ids are the
 * controller methods' names (placeOrder, getProduct…); creates answer 201 with a Location header; every operation
 * lists the problem responses it can give, as {@code application/problem+json}; operations that need a token say so
 * (bearer scheme, 401, 403); the server is relative, so the document holds through the gateway as well as directly.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BEARER = "bearer";

    @Bean
    OpenAPI shopOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Ficus shop API").version("0.1.0")
                        .description("Catalog, stock, orders, shipments and notifications of the Ficus shop. Errors are"
                                + " RFC 9457 problem details; lists answer {items, page, size, total} with size the page size."
                                + "\n\nAccess (ADR 0016): send `Authorization: Bearer <access token>` from the shop's OpenID"
                                + " Connect provider (bin/ficus-token) or the configured issuer. Reading the catalog and stock"
                                + " is public; writing them needs the `staff` role. Orders are placed by a `customer` as"
                                + " themselves: the order's customer is the token's login (its `email` claim, else `sub`);"
                                + " the body's `customer` may be left out and, when sent, must be that login (else 403)."
                                + " A customer sees only their own orders, shipments and notifications: another customer's"
                                + " order answers 404 like an unknown one, and a list filtered by another customer or their"
                                + " order is empty. Staff see everything. Anything not described here is refused: 401"
                                + " (with WWW-Authenticate: Bearer) without a valid token, 403 with one."))
                .servers(List.of(new Server().url("/").description("the host that served this document")));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean post = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PostMapping.class);
            boolean put = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PutMapping.class);
            if ((post || put) && handler.getReturnType().getParameterType().getSimpleName().equals("ResponseEntity")) {
                created(responses, post);
            }
            problem(responses, "400", "Invalid request: a field, parameter or path that is malformed or out of range");
            if (hasPathVariable(handler) || post) {
                problem(responses, "404", "Unknown resource (an order id, a SKU)");
            }
            if (hasBody(handler)) {
                problem(responses, "408", "The body stopped before its Content-Length");
                problem(responses, "413", "Body over the size limit");
                problem(responses, "415", "Body not sent as application/json");
            }
            if (post && handler.getMethod().getName().equals("createProduct")) {
                problem(responses, "409", "The product already exists");
            }
            if (handler.getMethod().getName().equals("placeOrder")) {
                operation.description("Places an order for the authenticated customer (role customer). The order's"
                        + " customer is the token's login; `customer` in the body is optional and, when sent, must be"
                        + " that login (compared case-insensitively), else 403.");
                problem(responses, "403", "Not a customer's token, or `customer` names someone else");
                problem(responses, "503", "The catalog could not be asked for prices");
            }
            problem(responses, "500", "Unexpected error (logged; no internals are revealed)");
            return operation.responses(responses);
        };
    }

    /** Moves the documented success of a create from 200 to 201 with its Location; a PUT may answer either. */
    private static void created(ApiResponses responses, boolean onlyCreated) {
        ApiResponse ok = responses.get("200");
        ApiResponse created = new ApiResponse().description("Created")
                .content(ok == null ? null : ok.getContent())
                .headers(Map.of("Location", new Header().description("URL of the created resource")
                        .schema(new StringSchema().format("uri-reference"))));
        if (onlyCreated) {
            responses.remove("200");
        }
        responses.addApiResponse("201", created);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")))));
    }

    private static boolean hasPathVariable(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class));
    }

    private static boolean hasBody(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
    }

    /**
     * The bearer scheme, and on every operation that is not open to anyone (per the shop's {@link EndpointRules},
     * the same rules the filter chain applies) its security requirement with the 401 and 403 it can answer.
     */
    @Bean
    OpenApiCustomizer bearerTokens(EndpointRules rules) {
        return openApi -> {
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token of the configured issuer (audience ficus; roles customer, staff)"));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String sample = path.replaceAll("\\{[^}]*}", "x");
                boolean open = rules.ruleFor(method.name(), sample)
                        .map(rule -> rule.access().kind() == EndpointRule.Access.Kind.OPEN).orElse(false);
                if (!open) {
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                    problem(operation.getResponses(), "401", "No valid bearer token (WWW-Authenticate: Bearer)");
                    problem(operation.getResponses(), "403", "The token's roles do not allow this request");
                }
            }));
        };
    }

    @Bean
    OpenApiCustomizer problemDetailSchema() {
        return openApi -> openApi.getComponents().addSchemas("ProblemDetail", new Schema<>().type("object")
                .addProperty("type", new StringSchema().format("uri-reference"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new Schema<>().type("integer").format("int32"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new Schema<>().type("array").items(new Schema<>().type("object")
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())))
                .description("RFC 9457 problem details"));
    }
}
