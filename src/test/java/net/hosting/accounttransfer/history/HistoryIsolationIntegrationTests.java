package net.hosting.accounttransfer.history;

import static net.hosting.accounttransfer.history.HistoryApiIntegrationTests.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.TransfersByApi;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** PRODUCT.md "History of a profile": it belongs to the profile, never to the account, so a transfer moves none of it. */
class HistoryIsolationIntegrationTests extends IntegrationTest {

    @Test
    void afterATransferTheRecipientSeesNoneOfTheSendersHistoryAndTheSenderKeepsAllOfIt() {
        Profile sender = fixtures.customer("Agnes", Profile.Language.EN);
        Profile recipient = fixtures.customer("Bruno", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, "119.88", BillingCycle.YEARLY, 40);
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        Api asRecipient = api.as(recipient.email(), Fixtures.PASSWORD);
        assertThat(asSender.post("/api/tickets", Map.of("subject", "Backups of " + account.name(),
                "message", "Where are they?", "account", account.name())).status()).isEqualTo(201);
        assertThat(asSender.post("/api/tickets", Map.of("subject", "Payment card", "message", "Expired.")).status())
                .isEqualTo(201);
        String paidInvoice = list(asSender, "/api/invoices").get(0).get("number").asText();

        TransfersByApi.transferNow(asSender, account.name(), asRecipient, recipient.email());

        // the recipient: its own invoice, no ticket, and only what it did itself
        List<JsonNode> recipientInvoices = list(asRecipient, "/api/invoices");
        assertThat(recipientInvoices).singleElement().satisfies(invoice -> {
            assertThat(invoice.get("kind").asText()).isEqualTo("INVOICE");
            assertThat(invoice.at("/billedTo/email").asText()).isEqualTo(recipient.email());
        });
        assertThat(recipientInvoices).extracting(invoice -> invoice.get("number").asText()).doesNotContain(paidInvoice);
        assertThat(list(asRecipient, "/api/tickets")).isEmpty();
        List<JsonNode> recipientActivity = list(asRecipient, "/api/activity");
        assertThat(recipientActivity).extracting(entry -> entry.get("actor").asText()).doesNotContain(sender.email());
        assertThat(recipientActivity).extracting(entry -> entry.get("action").asText())
                .containsExactlyInAnyOrder("PROFILE_CREATED", "TRANSFER_ACCEPTED", "ACCOUNT_RECEIVED");
        assertThat(recipientActivity).extracting(entry -> entry.get("detail").asText(""))
                .noneMatch(detail -> detail.contains("Backups") || detail.contains("Payment card"));

        // the sender: everything it had, plus the credit note and the hand-over
        List<JsonNode> senderInvoices = list(asSender, "/api/invoices");
        assertThat(senderInvoices).extracting(invoice -> invoice.get("kind").asText())
                .containsExactlyInAnyOrder("INVOICE", "CREDIT_NOTE");
        assertThat(senderInvoices).extracting(invoice -> invoice.get("account").asText()).containsOnly(account.name());
        assertThat(senderInvoices).extracting(invoice -> invoice.get("number").asText()).contains(paidInvoice);
        assertThat(list(asSender, "/api/tickets")).extracting(ticket -> ticket.get("subject").asText())
                .containsExactlyInAnyOrder("Backups of " + account.name(), "Payment card");
        assertThat(list(asSender, "/api/activity")).extracting(entry -> entry.get("action").asText())
                .contains("TICKET_OPENED", "TRANSFER_STARTED", "ACCOUNT_HANDED_OVER");

        // the account itself now belongs to the recipient, for tickets too
        assertThat(asRecipient.post("/api/tickets", Map.of("subject", "Hello", "message", "New owner here.",
                "account", account.name())).status()).isEqualTo(201);
        assertThat(asSender.post("/api/tickets", Map.of("subject", "Still mine?", "message", "No.",
                "account", account.name())).status()).isEqualTo(404);
        assertThat(list(asSender, "/api/tickets")).hasSize(2);
    }
}
