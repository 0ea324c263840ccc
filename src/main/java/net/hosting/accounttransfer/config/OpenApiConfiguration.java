package net.hosting.accounttransfer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.hosting.accounttransfer.AccountTransferApplication;
import net.hosting.accounttransfer.common.ReasonCode;
import net.hosting.accounttransfer.infrastructure.Paging;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI document of {@code /api} at {@code /v3/api-docs}, read by the Swagger UI at {@code /swagger-ui.html}:
 * both ways to sign in, the problem details every error answers with, and an example of each request and answer,
 * kept as data in {@code openapi/examples.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    /** The errors any operation may answer with; each operation's own 2xx comes from the handler. */
    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "Malformed input: unreadable JSON, a wrong type, a bad parameter",
            "401", "No credentials, or wrong ones",
            "403", "Signed in, but not the party who may do this",
            "404", "Not found, or not yours: the two look the same",
            "409", "The state forbids it: no longer pending, or a pending transfer exists",
            "413", "A body over 64 KiB",
            "415", "A body that is not application/json",
            "422", "A broken rule; the detail names the field",
            "429", "Too many attempts; Retry-After says when to try again");

    @Bean
    OpenAPI accountTransferApi() {
        return new OpenAPI()
                .info(new Info().title("Account transfer API").version("1")
                        .description("Transfer hosting accounts between customers (cession de compte). Money is "
                                + "{\"amount\": \"9.99\", \"currency\": \"EUR\"} with the amount as a string; plan prices are before "
                                + "VAT, and every document and preview gives net, vat, vatRate (percent, \"20.00\") and the "
                                + "total with VAT as amount (PRODUCT.md V1); dates "
                                + "are ISO-8601; errors are application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("The profile's email and password, for interactive use"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("at_ followed by 43 base64url characters")
                                .description("A personal API token from POST /api/tokens, for scripts")))
                .security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(BASIC)));
    }

    @Bean
    ModelConverter moneyAndNullableObjects() {
        return new OpenApiSchemas();
    }

    /**
     * Examples and problem answers on every operation. Built when the document is first asked for (springdoc keeps
     * it), not at start-up: the reason codes come from a scan of the class path.
     */
    @Bean
    OpenApiCustomizer examplesAndProblems(ObjectMapper json) {
        return api -> {
            JsonNode examples = read(json, "openapi/examples.json");
            // added here rather than to the OpenAPI bean, where springdoc drops a schema no handler refers to
            api.schema(PROBLEM, problemSchema(reasonCodes()));
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(operation, path, examples.path(method.name() + " " + path), json)));
        };
    }

    private static Schema<?> problemSchema(List<String> codes) {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Unprocessable Entity"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("You cannot transfer an account to yourself."))
                .addProperty("instance", new StringSchema().example("/api/transfers"))
                .addProperty("reason", reasons(codes).description("422 only: which rule was broken").example("OWN_EMAIL"))
                .addProperty("field", new StringSchema().description("422 only, when one input is at fault")
                        .example("recipientEmail"))
                .addProperty("violations", new ArraySchema().description("422 only, when several rules are broken:"
                        + " each of them; reason and field above name the first").items(new ObjectSchema()
                        .addProperty("reason", reasons(codes)).addProperty("field", new StringSchema())
                        .addProperty("detail", new StringSchema())));
    }

    /** One operation's examples, its problem answers, its paging and, for tokens, the password it needs. */
    private static void describe(Operation operation, String path, JsonNode example, ObjectMapper json) {
        if (operation.getRequestBody() != null && example.has("request")) {
            operation.getRequestBody().getContent().values()
                    .forEach(media -> media.setExample(json.convertValue(example.get("request"), Object.class)));
        }
        ApiResponses responses = operation.getResponses();
        responses.forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null && example.has("response")) {
                response.getContent().values()
                        .forEach(media -> media.setExample(json.convertValue(example.get("response"), Object.class)));
            }
        });
        PROBLEMS.forEach((status, description) -> responses.putIfAbsent(status, problem(description)));
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
        pagedList(operation, example.path("headers"));
        if (path.startsWith("/api/tokens")) {
            // a token cannot mint or list tokens: those need the password or a page session
            operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC)));
        }
    }

    /** A list that takes {@code page} and {@code size} says their limits and the {@code Link} header of its answer. */
    private static void pagedList(Operation operation, JsonNode headers) {
        if (operation.getParameters() == null) {
            return;
        }
        boolean paged = false;
        for (Parameter parameter : operation.getParameters()) {
            if (Paging.PAGE.equals(parameter.getName())) {
                paged = true;
                parameter.description("Which page, counted from 0; pages are newest first.")
                        .schema(new IntegerSchema().minimum(BigDecimal.ZERO)._default(0));
            } else if (Paging.SIZE.equals(parameter.getName())) {
                parameter.description("How many items a page holds, at most " + Paging.MAX_SIZE + ".")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(Paging.MAX_SIZE))._default(Paging.DEFAULT_SIZE));
            }
        }
        ApiResponse ok = operation.getResponses().get("200");
        if (paged && ok != null) {
            ok.addHeaderObject(HttpHeaders.LINK, new Header()
                    .description("<…?page=N+1&size=S>; rel=\"next\" when a next page exists; absent on the last page.")
                    .schema(new StringSchema().example(headers.path(HttpHeaders.LINK).asText(null))));
        }
    }

    private static StringSchema reasons(List<String> codes) {
        StringSchema reasons = new StringSchema();
        codes.forEach(reasons::addEnumItem);
        return reasons;
    }

    /**
     * Every feature's reason codes, each feature's enum of {@link ReasonCode} found on the class path, so that
     * configuration names no feature; in the order of the enums' names, then of their constants.
     */
    private static List<String> reasonCodes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ReasonCode.class));
        return scanner.findCandidateComponents(AccountTransferApplication.class.getPackageName()).stream()
                .map(BeanDefinition::getBeanClassName).sorted()
                .map(name -> ClassUtils.resolveClassName(name, OpenApiConfiguration.class.getClassLoader()))
                .filter(Class::isEnum).flatMap(type -> Arrays.stream(type.getEnumConstants()))
                .map(constant -> ((ReasonCode) constant).code()).toList();
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description);
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
