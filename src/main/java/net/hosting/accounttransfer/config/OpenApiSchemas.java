package net.hosting.accounttransfer.config;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import net.hosting.accounttransfer.billing.Money;

/**
 * Values as the API serves them: money as the two strings {@link MoneyJsonComponent} writes, a record's components
 * required unless declared nullable or left out when null, and a record served as null somewhere nullable in its
 * own schema, since OpenAPI 3.0's {@code nullable} cannot widen a {@code $ref}.
 */
final class OpenApiSchemas implements ModelConverter {

    static final String MONEY = "Money";
    /** An amount as {@code BigDecimal.toPlainString()} writes it at its currency's scale. */
    static final String AMOUNT_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

    private static final Schema<?> MONEY_SCHEMA = new ObjectSchema()
            .description("An exact amount; the amount is a string, so that no client reads it as a float")
            .addProperty("amount", new StringSchema().pattern(AMOUNT_PATTERN).example("119.88")
                    .description("At the currency's scale: 2 fraction digits for EUR; negative for money given back"))
            .addProperty("currency", new StringSchema().pattern("^[A-Z]{3}$").example("EUR")
                    .description("ISO 4217 code"))
            .required(List.of("amount", "currency"));

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType java = Json.mapper().constructType(type.getType());
        if (java != null && Money.class.equals(java.getRawClass())) {
            context.defineModel(MONEY, MONEY_SCHEMA);
            return new Schema<>().$ref(Components.COMPONENTS_SCHEMAS_REF + MONEY);
        }
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> resolved = chain.next().resolve(type, context, chain);
        if (resolved == null || java == null || !java.getRawClass().isRecord()) {
            return resolved;
        }
        // a model resolved at the top comes back whole, as a property's type it comes back as a $ref to it
        Schema<?> model = resolved.get$ref() == null ? resolved : context.getDefinedModels()
                .get(resolved.get$ref().substring(Components.COMPONENTS_SCHEMAS_REF.length()));
        if (model == null) {
            throw new IllegalStateException("no model " + resolved.get$ref() + " for " + type.getType());
        }
        requireComponents(java.getRawClass(), model);
        if (resolved.get$ref() != null && nullable(type.getCtxAnnotations())) {
            model.setNullable(true);
        }
        return resolved;
    }

    /** Jackson writes every component of a record, as null when it is, except those it is told to leave out. */
    private static void requireComponents(Class<?> record, Schema<?> model) {
        if (model.getProperties() == null) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            Method accessor = component.getAccessor();
            JsonInclude include = accessor.getAnnotation(JsonInclude.class);
            boolean omittedWhenNull = include != null && include.value() != JsonInclude.Include.ALWAYS;
            if (model.getProperties().containsKey(component.getName()) && !omittedWhenNull
                    && !nullable(accessor.getAnnotations())
                    && (model.getRequired() == null || !model.getRequired().contains(component.getName()))) {
                model.addRequiredItem(component.getName());
            }
        }
    }

    private static boolean nullable(Annotation[] annotations) {
        return schema(annotations) != null && schema(annotations).nullable();
    }

    private static io.swagger.v3.oas.annotations.media.Schema schema(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof io.swagger.v3.oas.annotations.media.Schema schema) {
                return schema;
            }
        }
        return null;
    }
}
