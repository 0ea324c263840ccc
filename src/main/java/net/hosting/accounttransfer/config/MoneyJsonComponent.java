package net.hosting.accounttransfer.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import net.hosting.accounttransfer.billing.Money;
import org.springframework.boot.jackson.JsonComponent;

/** Money in JSON is {"amount": "9.99", "currency": "EUR"}: the amount a string, so no client reads it as a float. */
@JsonComponent
class MoneyJsonComponent extends JsonSerializer<Money> {

    @Override
    public void serialize(Money money, JsonGenerator json, SerializerProvider serializers) throws IOException {
        json.writeStartObject();
        json.writeStringField("amount", money.amount().toPlainString());
        json.writeStringField("currency", money.currency().getCurrencyCode());
        json.writeEndObject();
    }
}
