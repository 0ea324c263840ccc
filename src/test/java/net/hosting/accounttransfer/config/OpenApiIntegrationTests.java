package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document describes every /api operation the app serves, with examples, problems and both sign-ins. */
class OpenApiIntegrationTests extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void theDocumentListsExactlyTheOperationsTheHandlerMappingsServe() {
        Set<String> served = new TreeSet<>();
        handlers.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> mapping.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + pattern))));

        assertThat(operations(document())).isEqualTo(served).isNotEmpty();
    }

    @Test
    void everyOperationHasExamplesProblemAnswersAndBothSignIns() {
        JsonNode api = document();
        assertThat(api.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/schemas/Problem/properties/detail").isMissingNode()).isFalse();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode body = op.getValue().path("requestBody").path("content");
            if (!body.isMissingNode() && body.size() > 0) {
                assertThat(body.elements().next().has("example")).as(operation + " request example").isTrue();
            }
            JsonNode responses = op.getValue().get("responses");
            JsonNode success = responses.has("200") ? responses.get("200")
                    : responses.has("201") ? responses.get("201") : responses.get("204");
            assertThat(success).as(operation + " success answer").isNotNull();
            if (success.has("content")) {
                assertThat(success.get("content").elements().next().has("example"))
                        .as(operation + " answer example").isTrue();
            }
            for (String status : new String[] {"400", "401", "404", "422", "429"}) {
                assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                        .as(operation + " " + status).isEqualTo("#/components/schemas/Problem");
            }
        }));
    }

    @Test
    void everyOperationHasASummaryAndATagThatNamesAFeatureWithADescription() {
        JsonNode api = document();
        Map<String, String> tags = new HashMap<>();
        api.path("tags").forEach(tag -> tags.put(tag.get("name").asText(), tag.path("description").asText()));
        assertThat(tags).containsKeys("Transfers", "Invoices", "Profile", "API tokens", "Accounts", "Tickets", "Activity");
        assertThat(tags.values()).allSatisfy(description -> assertThat(description).isNotBlank());
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            assertThat(op.getValue().path("summary").asText()).as(operation + " summary").isNotBlank();
            assertThat(op.getValue().path("tags")).as(operation + " tags").hasSize(1);
            assertThat(tags).as(operation + " tag").containsKey(op.getValue().path("tags").get(0).asText());
        }));
    }

    @Test
    void theFourListsDocumentPageSizeAndTheLinkToTheNextPage() {
        JsonNode paths = document().get("paths");
        for (String list : new String[] {"/api/invoices", "/api/activity", "/api/tickets", "/api/transfers"}) {
            JsonNode operation = paths.path(list).path("get");
            Map<String, JsonNode> parameters = new HashMap<>();
            operation.path("parameters").forEach(parameter -> parameters.put(parameter.get("name").asText(), parameter));
            assertThat(parameters.get("page").at("/schema/minimum").asInt(-1)).as(list).isZero();
            assertThat(parameters.get("page").at("/schema/default").asInt(-1)).as(list).isZero();
            assertThat(parameters.get("size").at("/schema/minimum").asInt()).as(list).isEqualTo(1);
            assertThat(parameters.get("size").at("/schema/maximum").asInt()).as(list).isEqualTo(200);
            assertThat(parameters.get("size").at("/schema/default").asInt()).as(list).isEqualTo(50);
            assertThat(operation.at("/responses/200/headers/Link/schema/example").asText())
                    .as(list).startsWith("<" + list + "?").contains("page=1&size=50").endsWith(">; rel=\"next\"");
        }
        assertThat(paths.at("/~1api~1accounts/get/responses/200/headers").isMissingNode()).as("not a paged list").isTrue();
    }

    @Test
    void theSwaggerUiIsServedWithoutSigningIn() {
        Api.Reply ui = api.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    private JsonNode document() {
        Api.Reply reply = api.get("/v3/api-docs");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static Set<String> operations(JsonNode api) {
        Set<String> operations = new TreeSet<>();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }
}
