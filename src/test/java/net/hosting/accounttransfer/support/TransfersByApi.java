package net.hosting.accounttransfer.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** Runs transfers the way customers do, through the JSON API, for tests that need one as a step. */
public final class TransfersByApi {

    private TransfersByApi() {
    }

    public static UUID start(Api sender, String account, String recipientEmail, String billingMode) {
        JsonNode transfer = created(sender.post("/api/transfers",
                Map.of("account", account, "recipientEmail", recipientEmail, "billingMode", billingMode)));
        return UUID.fromString(transfer.get("id").asText());
    }

    /** The answer to starting a transfer, insisting on 201 and a Location that points at it. */
    public static JsonNode created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode transfer = reply.json();
        assertThat(reply.header("Location")).isEqualTo("/api/transfers/" + transfer.get("id").asText());
        return transfer;
    }

    public static JsonNode accept(Api recipient, UUID transfer) {
        Api.Reply reply = recipient.post("/api/transfers/" + transfer + "/accept", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    public static JsonNode get(Api party, UUID transfer) {
        Api.Reply reply = party.get("/api/transfers/" + transfer);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Waits until the process has taken the transfer to {@code status}, and returns the transfer as then seen. */
    public static JsonNode awaitStatus(Api party, UUID transfer, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(party, transfer).get("status").asText().equals(status));
        return get(party, transfer);
    }

    /** Starts, accepts and waits for completion: the whole IMMEDIATE transfer. */
    public static UUID transferNow(Api sender, String account, Api recipient, String recipientEmail) {
        UUID transfer = start(sender, account, recipientEmail, "IMMEDIATE");
        accept(recipient, transfer);
        awaitStatus(sender, transfer, "COMPLETED");
        return transfer;
    }
}
