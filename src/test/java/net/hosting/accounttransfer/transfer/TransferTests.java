package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.infrastructure.SecretToken;
import org.junit.jupiter.api.Test;

/** The Transfer aggregate guards its status: PENDING ends exactly once, and only ACCEPTED completes. */
class TransferTests {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(14));

    private final Transfer transfer = new Transfer(UUID.randomUUID(), 1L, "alice-site", 10L, "Bob@Example.com",
            BillingMode.IMMEDIATE, 100L, CREATED, EXPIRES, null);

    @Test
    void aNewTransferIsPendingAndAddressedToItsRecipientWhateverTheCase() {
        assertThat(transfer.status()).isEqualTo(TransferStatus.PENDING);
        assertThat(transfer.isAddressedTo(" bob@example.COM ")).isTrue();
        assertThat(transfer.isAddressedTo("carol@example.com")).isFalse();
    }

    @Test
    void acceptanceRecordsTheRecipientAndTheInstant() {
        transfer.accept(20L, CREATED.plusSeconds(60));
        assertThat(transfer.status()).isEqualTo(TransferStatus.ACCEPTED);
        assertThat(transfer.recipientId()).isEqualTo(20L);
        assertThat(transfer.decidedAt()).isEqualTo(CREATED.plusSeconds(60));
    }

    @Test
    void aDecidedTransferCannotBeDecidedAgain() {
        transfer.cancel(CREATED.plusSeconds(5));
        assertThatThrownBy(() -> transfer.accept(20L, CREATED.plusSeconds(6))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("cancelled");
        assertThatThrownBy(() -> transfer.decline(20L, null, CREATED.plusSeconds(6)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> transfer.expire(EXPIRES)).isInstanceOf(ConflictException.class);
        assertThat(transfer.status()).isEqualTo(TransferStatus.CANCELLED);
    }

    @Test
    void anOfferPastItsExpiryCannotBeAcceptedEvenBeforeTheTimerFires() {
        assertThatThrownBy(() -> transfer.accept(20L, EXPIRES)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("expired");
        assertThat(transfer.status()).isEqualTo(TransferStatus.PENDING);
        transfer.cancel(EXPIRES.plusSeconds(1));
        assertThat(transfer.status()).isEqualTo(TransferStatus.CANCELLED);
    }

    @Test
    void aBlankDeclineReasonIsNoReason() {
        transfer.decline(20L, "   ", CREATED.plusSeconds(1));
        assertThat(transfer.declineReason()).isNull();
    }

    @Test
    void onlyAnAcceptedTransferWhoseOwnershipMovedCompletes() {
        assertThatThrownBy(() -> transfer.complete(CREATED)).isInstanceOf(IllegalStateException.class);
        transfer.accept(20L, CREATED.plusSeconds(1));
        assertThatThrownBy(() -> transfer.complete(CREATED)).isInstanceOf(IllegalStateException.class);
        transfer.ownershipMoved(200L);
        transfer.complete(CREATED.plusSeconds(2));
        transfer.complete(CREATED.plusSeconds(3));
        assertThat(transfer.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(transfer.completedAt()).as("completing again changes nothing").isEqualTo(CREATED.plusSeconds(2));
    }

    @Test
    void acceptLinkTokensAre32RandomBytesAndOnlyTheirHashMatches() {
        String token = SecretToken.generate();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(SecretToken.generate()).isNotEqualTo(token);
        String hash = SecretToken.hash(token);
        assertThat(hash).hasSize(64).doesNotContain(token);
        assertThat(SecretToken.matches(token, hash)).isTrue();
        assertThat(SecretToken.matches(token.substring(1) + "A", hash)).isFalse();
        assertThat(SecretToken.matches(null, hash)).isFalse();
    }
}
