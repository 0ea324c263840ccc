package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The keys already stored in sent_mail and invoice rows: a changed spelling would issue every side effect again. */
class TransferKeysTests {

    private static final UUID ID = UUID.fromString("7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47");

    @Test
    void documentKeysKeepTheirStoredSpelling() {
        assertThat(TransferKeys.recipientInvoice(ID))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:recipient-invoice");
        assertThat(TransferKeys.senderRefund(ID))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:sender-refund");
        assertThat(TransferKeys.previousPayerRefund(ID))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:previous-payer-refund");
        assertThat(TransferKeys.renewalInvoice(ID))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:renewal-invoice");
    }

    @Test
    void mailKeysNameTheTemplateAndTheReader() {
        assertThat(TransferKeys.mail(ID, "offer", Party.RECIPIENT))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:offer:recipient");
        assertThat(TransferKeys.mail(ID, "completed", Party.SENDER))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:completed:sender");
        assertThat(TransferKeys.mailToPreviousPayer(ID, "previous-payer-refunded"))
                .isEqualTo("transfer:7f9c2a64-1b3e-4c55-9d0a-2e8f6b1c3d47:previous-payer-refunded:payer");
        assertThat(TransferKeys.mail(ID, "offer", Party.RECIPIENT)).startsWith(TransferKeys.PREFIX);
    }
}
